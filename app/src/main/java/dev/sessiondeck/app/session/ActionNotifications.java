package dev.sessiondeck.app.session;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Where the results of actions go: small notifications (AtlantaFX's {@link Notification}) stacked
 * in the lower right corner of the session table, the newest at the bottom, each with what was done
 * ("Close Session: 2 of 3 done"), the first few sessions' results, and Details for the whole
 * ({@link ActionResults}). Nothing is modal: the user keeps working, and closes a notification when
 * done with it. At most {@link #KEPT} stay; a newer one pushes out the oldest.
 */
final class ActionNotifications {

    /** How many notifications stay at once. */
    static final int KEPT = 3;
    /** How many sessions' results a notification lists itself; Details has them all. */
    private static final int LINES = 3;

    private final VBox area = new VBox(8);
    private final Supplier<Window> owner;

    ActionNotifications(Supplier<Window> owner) {
        this.owner = owner;
        area.setId("action-notifications");
        area.setAlignment(Pos.BOTTOM_RIGHT);
        area.setPadding(new Insets(12));
        area.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        area.setFillWidth(true);
        // the table under it keeps its clicks wherever no notification is
        area.setPickOnBounds(false);
    }

    /** The area, to lay over the table (bottom right of a {@link javafx.scene.layout.StackPane}). */
    Node view() {
        return area;
    }

    /** The notifications shown now, oldest first. */
    List<Notification> shown() {
        return area.getChildren().stream().map(Notification.class::cast).toList();
    }

    /** Tells what an action did to each session; returns at once. Nothing for no outcomes. */
    void show(List<ActionOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        boolean allDone = ActionResults.done(outcomes) == outcomes.size();
        Notification n = new Notification(message(outcomes),
                new FontIcon(allDone ? Feather.CHECK_CIRCLE : Feather.ALERT_TRIANGLE));
        n.setId("action-notification");
        n.getStyleClass().addAll(allDone ? Styles.SUCCESS : Styles.WARNING, Styles.ELEVATED_2);
        n.setPrefWidth(420);
        n.setMaxWidth(420);
        Button details = new Button(Messages.get("action.results.details"));
        details.setId("action-results-details");
        details.getStyleClass().add(Styles.SMALL);
        details.setOnAction(e -> ActionResults.show(owner.get(), outcomes));
        n.setPrimaryActions(details);
        n.setOnClose(e -> area.getChildren().remove(n));
        n.setUserData(outcomes);
        area.getChildren().add(n);
        while (area.getChildren().size() > KEPT) {
            area.getChildren().remove(0);
        }
    }

    /** "Close Session: 2 of 3 done", then a line per session for the first few, then "and 5 more". */
    static String message(List<ActionOutcome> outcomes) {
        String head = Messages.get("action.results.notice", ActionResults.title(outcomes), ActionResults.summary(outcomes));
        String lines = outcomes.stream().limit(LINES).map(ActionResults::line).collect(Collectors.joining("\n"));
        String more = outcomes.size() > LINES ? "\n" + Messages.get("action.results.more", outcomes.size() - LINES) : "";
        return head + "\n" + lines + more;
    }
}
