package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Changes the execution times (seconds) from which active statements are highlighted. */
final class ThresholdsDialog extends Dialog<ButtonType> {

    ThresholdsDialog(Window owner, SessionsViewModel viewModel) {
        initOwner(owner);
        setTitle(Messages.get("thresholds.title"));
        setHeaderText(Messages.get("thresholds.header"));
        Spinner<Double> warning = new Spinner<>(0.1, 86_400, viewModel.warningSecondsProperty().get(), 0.5);
        Spinner<Double> danger = new Spinner<>(0.1, 86_400, viewModel.dangerSecondsProperty().get(), 1);
        warning.setId("threshold-warning");
        danger.setId("threshold-danger");
        warning.setEditable(true);
        danger.setEditable(true);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(Messages.get("thresholds.warning")), warning);
        grid.addRow(1, new Label(Messages.get("thresholds.danger")), danger);
        getDialogPane().setContent(grid);
        getDialogPane().setId("thresholds-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("thresholds-ok");
        setResultConverter(button -> {
            if (button == ButtonType.OK) {
                double w = warning.getValue();
                // the danger threshold is never below the warning one
                viewModel.warningSecondsProperty().set(w);
                viewModel.dangerSecondsProperty().set(Math.max(w, danger.getValue()));
            }
            return button;
        });
    }
}
