package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import java.util.List;
import java.util.function.Function;
import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListView;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The confirmation before Close Session / Close Query, and the per-session report after. */
final class KillDialog {

    private KillDialog() {
    }

    /** Asks whether to kill these sessions; true only when the user chose the kill button. */
    static boolean confirm(Window owner, List<Session> targets, KillMode mode) {
        ButtonType kill = new ButtonType(Messages.get("kill.confirm.ok." + mode), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", kill, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(Messages.get("kill.confirm.title." + mode));
        alert.setHeaderText(Messages.get("kill.confirm.header." + mode, targets.size()));
        TableView<Session> list = new TableView<>(FXCollections.observableArrayList(targets));
        list.setId("kill-targets");
        list.getStyleClass().add(Styles.DENSE);
        list.getColumns().add(column("column.id", 80, s -> String.valueOf(s.id())));
        list.getColumns().add(column("column.user", 110, s -> s.user().orElse("")));
        list.getColumns().add(column("column.source", 150, s -> s.source().orElse("")));
        list.getColumns().add(column("column.sql", 330, s -> s.sql().map(SqlText::preview).orElse("")));
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.setPrefSize(680, Math.min(300, 44 + 34 * targets.size()));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("kill-confirm-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button killButton = (Button) alert.getDialogPane().lookupButton(kill);
        killButton.setId("kill-confirm-button");
        killButton.getStyleClass().add(Styles.DANGER);
        killButton.setDefaultButton(false);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("kill-cancel-button");
        // a destructive action: Enter cancels, the kill needs a deliberate click
        cancel.setDefaultButton(true);
        return alert.showAndWait().filter(kill::equals).isPresent();
    }

    /** Shows what happened to each session; does not wait. */
    static void showResults(Window owner, List<KillOutcome> outcomes) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        long done = outcomes.stream().filter(o -> o.result() == KillOutcome.Result.CLOSED).count();
        boolean allDone = done == outcomes.size();
        alert.setAlertType(allDone ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        alert.setTitle(Messages.get("kill.results.title"));
        alert.setHeaderText(Messages.get("kill.results.header", done, outcomes.size()));
        ListView<String> list = new ListView<>();
        list.setId("kill-results");
        for (KillOutcome o : outcomes) {
            list.getItems().add("#" + o.session().id() + "  " + o.session().user().orElse("")
                    + "  \u2014  " + Messages.get("kill.result." + o.result(), o.detail()));
        }
        list.setPrefSize(680, Math.min(300, 16 + 38 * outcomes.size()));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("kill-results-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("kill-results-ok");
        alert.show();
    }

    private static TableColumn<Session, String> column(String key, double width, Function<Session, String> value) {
        TableColumn<Session, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }
}
