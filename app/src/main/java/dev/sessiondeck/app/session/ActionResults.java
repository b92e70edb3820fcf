package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableView;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * What an action did to each session, in full: a window that does not block, opened from the
 * notification's Details ({@link ActionNotifications}), one row per session with its columns as
 * wide as their text ({@link FittedColumns}).
 */
final class ActionResults extends Dialog<Void> {

    private ActionResults(Window owner, List<ActionOutcome> outcomes) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(title(outcomes));
        setHeaderText(summary(outcomes));
        TableView<ActionOutcome> table = new TableView<>(FXCollections.observableArrayList(outcomes));
        table.setId("action-results");
        table.getStyleClass().add(Styles.DENSE);
        table.getColumns().add(FittedColumns.column(SessionColumn.ID.attribute().title().resolve(Messages.locale()),
                o -> o.session().id()));
        table.getColumns().add(FittedColumns.column(SessionColumn.USER.attribute().title().resolve(Messages.locale()),
                o -> o.session().user().orElse("")));
        table.getColumns().add(FittedColumns.column(SessionColumn.SOURCE.attribute().title().resolve(Messages.locale()),
                o -> o.session().source().orElse("")));
        table.getColumns().add(FittedColumns.column(Messages.get("action.results.result"), ActionResults::result));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPrefSize(680, Math.min(360, 44 + 34 * outcomes.size()));
        getDialogPane().setContent(table);
        getDialogPane().setId("action-results-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("action-results-close");
        FittedColumns.fitWhenShown(this, table);
    }

    /** Opens the full results; does not wait. */
    static void show(Window owner, List<ActionOutcome> outcomes) {
        new ActionResults(owner, outcomes).show();
    }

    /** The action's name ("Close Session"), or "Result". */
    static String title(List<ActionOutcome> outcomes) {
        return outcomes.isEmpty() ? Messages.get("action.results.title")
                : outcomes.get(0).action().title().resolve(Messages.locale()).replace("\u2026", "");
    }

    /** "2 of 3 done". */
    static String summary(List<ActionOutcome> outcomes) {
        return Messages.get("action.results.header", done(outcomes), outcomes.size());
    }

    static long done(List<ActionOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.result() == ActionOutcome.Result.DONE).count();
    }

    /** "closed", "not permitted: ...". */
    static String result(ActionOutcome o) {
        return o.result() == ActionOutcome.Result.DONE && o.detail().isEmpty()
                ? Messages.get(o.action().destructive() ? "action.result.closed" : "action.result.done")
                : Messages.get("action.result." + o.result(), o.detail());
    }

    /** "#42  app — closed", "#42  app — not permitted: ...". */
    static String line(ActionOutcome o) {
        return "#" + o.session().id() + "  " + o.session().user().orElse("") + "  \u2014  " + result(o);
    }
}
