package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListView;
import javafx.stage.Modality;
import javafx.stage.Window;

/** What an action did to each session, shown without blocking the window. */
final class ActionResults {

    private ActionResults() {
    }

    /** Shows one line per session; does not wait. */
    static void show(Window owner, List<ActionOutcome> outcomes) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        long done = outcomes.stream().filter(o -> o.result() == ActionOutcome.Result.DONE).count();
        alert.setAlertType(done == outcomes.size() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
        alert.setTitle(outcomes.isEmpty() ? Messages.get("action.results.title")
                : outcomes.get(0).action().title().resolve(Messages.locale()).replace("\u2026", ""));
        alert.setHeaderText(Messages.get("action.results.header", done, outcomes.size()));
        ListView<String> list = new ListView<>();
        list.setId("action-results");
        outcomes.forEach(o -> list.getItems().add(line(o)));
        list.setPrefSize(680, Math.min(300, 16 + 38 * outcomes.size()));
        alert.getDialogPane().setContent(list);
        alert.getDialogPane().setId("action-results-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("action-results-ok");
        alert.show();
    }

    /** "#42  app — closed", "#42  app — not permitted: ...". */
    static String line(ActionOutcome o) {
        String result = o.result() == ActionOutcome.Result.DONE && o.detail().isEmpty()
                ? Messages.get(o.action().destructive() ? "action.result.closed" : "action.result.done")
                : Messages.get("action.result." + o.result(), o.detail());
        return "#" + o.session().id() + "  " + o.session().user().orElse("") + "  \u2014  " + result;
    }
}
