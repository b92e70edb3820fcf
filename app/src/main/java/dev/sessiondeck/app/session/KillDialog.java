package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import java.util.List;
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
        ListView<String> list = new ListView<>();
        list.setId("kill-targets");
        targets.forEach(s -> list.getItems().add(describe(s)));
        list.setPrefSize(640, Math.min(240, 40 + 28 * targets.size()));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("kill-confirm-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button killButton = (Button) alert.getDialogPane().lookupButton(kill);
        killButton.setId("kill-confirm-button");
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
        list.setPrefSize(640, Math.min(240, 40 + 28 * outcomes.size()));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("kill-results-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("kill-results-ok");
        alert.show();
    }

    /** "#42  app@10.0.0.5:50312  SELECT SLEEP(60)". */
    private static String describe(Session s) {
        return "#" + s.id() + "  " + s.user().orElse("") + "@" + s.source().orElse("")
                + s.sql().map(q -> "  " + SqlText.preview(q)).orElse("");
    }
}
