package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.variables.VariablesWindow;
import dev.sessiondeck.core.model.SessionAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * Runs an action the user picked on the selected rows: checks that it can be done, asks first when it
 * is destructive, takes parameters or acts on several sessions ({@link ActionDialog}), runs it through
 * the view model, and tells what happened to each session in a notification ({@link ActionNotifications})
 * that leaves the window usable.
 */
final class ActionFlow {

    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");

    private final SessionsViewModel viewModel;
    private final Supplier<List<SessionRow>> selection;
    private final Supplier<Window> owner;
    private final Runnable refocus;
    private final ActionNotifications notifications;

    /**
     * @param refocus       gives the table the focus back after a dialog
     * @param notifications where the results go, without blocking the window
     */
    ActionFlow(SessionsViewModel viewModel, Supplier<List<SessionRow>> selection, Supplier<Window> owner,
               Runnable refocus, ActionNotifications notifications) {
        this.viewModel = viewModel;
        this.selection = selection;
        this.owner = owner;
        this.refocus = refocus;
        this.notifications = notifications;
    }

    /**
     * Does the action with id {@code id} that the selection's data sources offer (a key for a
     * data source's own action, such as OceanBase's full link trace); nothing when none offers it.
     */
    void requestById(String id) {
        viewModel.actionsOf(selection.get()).stream().filter(a -> a.id().equals(id)).findFirst().ifPresent(this::request);
    }

    /**
     * Does {@code asked} to the selection, asking first where it should; nothing when it cannot be
     * done. The selection's data source may offer its own variant of the action (Close Session with a
     * message, on a 1C cluster): that one runs. An action with parameters reads their current values
     * first, in the background.
     */
    void request(SessionAction asked) {
        List<SessionRow> sel = selection.get();
        if (viewModel.whyNot(asked, sel).isPresent() || viewModel.actingProperty().get()) {
            return;
        }
        if (asked.equals(SessionAction.SESSION_VARIABLES)) {
            // the standard action that shows rather than does: the session's variables, read only
            viewModel.sessionVariables(sel.get(0)).ifPresent(vm -> new VariablesWindow(owner.get(), vm).show());
            return;
        }
        SessionAction action = viewModel.actionsOf(sel).stream().filter(asked::equals).findFirst().orElse(asked);
        run(action, viewModel.targets(action, sel), Optional.empty(), false);
    }

    /**
     * Does {@code asked} to every shown row (after the filters) it can be done to, SessionDeck's own
     * sessions left out, always after a confirmation that lists them with their count and says how
     * many shown rows are left alone. Nothing when no shown row qualifies or an action runs.
     */
    void requestAllShown(SessionAction asked) {
        List<SessionRow> targets = viewModel.allShownTargets(asked);
        if (targets.isEmpty() || viewModel.actingProperty().get()) {
            return;
        }
        SessionAction action = viewModel.actionsOf(targets).stream().filter(asked::equals).findFirst().orElse(asked);
        int left = viewModel.shownRows().size() - targets.size();
        run(action, targets, left == 0 ? Optional.empty() : Optional.of(Messages.get("action.allShown.left", left)), true);
    }

    /** Reads the parameters' current values where the action has some, then confirms and runs. */
    private void run(SessionAction action, List<SessionRow> targets, Optional<String> note, boolean alwaysAsk) {
        if (action.parameters().isEmpty()) {
            confirmAndRun(action, targets, Map.of(), note, alwaysAsk);
        } else {
            viewModel.readParameters(action, targets.get(0),
                    current -> confirmAndRun(action, targets, current, note, alwaysAsk),
                    (defaults, why) -> confirmAndRun(action, targets, defaults,
                            Optional.of(note.map(n -> n + "\n").orElse("") + why), alwaysAsk));
        }
    }

    private void confirmAndRun(SessionAction action, List<SessionRow> targets, Map<String, String> start,
                               Optional<String> note, boolean alwaysAsk) {
        Map<String, String> parameters = Map.of();
        if (alwaysAsk || action.destructive() || !action.parameters().isEmpty() || targets.size() > 1) {
            Optional<Map<String, String>> confirmed = ActionDialog.ask(owner.get(), action,
                    targets.stream().map(SessionRow::getSession).toList(), start, note);
            refocus.run();
            if (confirmed.isEmpty()) {
                return;
            }
            parameters = confirmed.get();
        }
        viewModel.perform(action, targets, parameters, notifications::show);
    }

    /**
     * Menu items for the actions the selection's data sources offer beyond Close Session and Close
     * Query, each greyed with the reason in its tooltip when it cannot be done (a disabled menu item
     * would show no tooltip).
     */
    List<MenuItem> moreItems() {
        List<SessionRow> sel = selection.get();
        return viewModel.actionsOf(sel).stream()
                .filter(a -> !a.equals(SessionAction.CLOSE_SESSION) && !a.equals(SessionAction.CLOSE_QUERY))
                .map(a -> item(a, sel))
                .toList();
    }

    private MenuItem item(SessionAction action, List<SessionRow> sel) {
        MenuItem item = blockable("menu-action-" + action.id(), action.title().resolve(Messages.locale()), null,
                viewModel.whyNot(action, sel), action.tip().resolve(Messages.locale()), () -> request(action));
        // the data source's action that has a key of the window's (OceanBase's full link trace)
        for (Shortcut key : Shortcut.values()) {
            if (key.id().equals(action.id())) {
                item.setAccelerator(key.combination());
            }
        }
        return item;
    }

    /**
     * A menu item that is greyed with {@code blocked} in its tooltip when its action cannot be done,
     * else has {@code tip} there; choosing a blocked one does nothing. A disabled menu item would show
     * no tooltip, so it is a label in a {@link CustomMenuItem}; the label's id is the item's plus
     * {@code -label}.
     */
    static MenuItem blockable(String id, String text, Node graphic, Optional<String> blocked, String tip, Runnable action) {
        Label label = new Label(text, graphic);
        label.setId(id + "-label");
        label.getStyleClass().add("action-label");
        label.setTooltip(new Tooltip(blocked.orElse(tip)));
        label.pseudoClassStateChanged(BLOCKED, blocked.isPresent());
        CustomMenuItem item = new CustomMenuItem(label);
        item.setId(id);
        item.setOnAction(e -> {
            if (blocked.isEmpty()) {
                action.run();
            }
        });
        return item;
    }
}
