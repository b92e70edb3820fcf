package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.SessionSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Who blocks whom among the shown data sources' sessions, after each refresh: the
 * {@link BlockingTree} of their rows (before the table's filters: a root blocker is often idle in its
 * transaction, which View Active Sessions Only hides), the rows of the root blockers marked with how
 * many sessions each holds up ({@link SessionRow#holdsUpProperty()}), and the data sources that could
 * not say ({@link SessionSource#blockingUnknown()}). It reads only the view model's public state.
 * Touched on the UI thread only.
 */
final class BlockingModel {

    private static final BlockingTree NONE = BlockingTree.of(List.of());

    private final SessionsViewModel viewModel;
    private final ReadOnlyObjectWrapper<BlockingTree> tree = new ReadOnlyObjectWrapper<>(this, "tree", NONE);
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper(this, "waiting");
    private final ObservableList<String> unknown = FXCollections.observableArrayList();
    private final ObservableList<String> unknownView = FXCollections.unmodifiableObservableList(unknown);
    /** The rows the tree names, by {@link #key(String, String)}. */
    private Map<String, SessionRow> rows = Map.of();
    /** The rows marked as root blockers now, to unmark them when they no longer are. */
    private List<SessionRow> marked = List.of();

    BlockingModel(SessionsViewModel viewModel) {
        this.viewModel = viewModel;
        // a snapshot applied moves the last refresh; the rows' blocking changes in place, unseen by the lists
        viewModel.lastRefreshProperty().addListener((o, a, b) -> update());
        viewModel.shownSources().addListener((ListChangeListener<SessionSource>) c -> update());
        update();
    }

    /** The tree of the shown sessions as of the last refresh; empty when nobody waits. */
    ReadOnlyObjectProperty<BlockingTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** How many sessions wait for another, directly or not. */
    ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** One line per shown data source that cannot say who blocks whom: its name and the reason. */
    ObservableList<String> unknown() {
        return unknownView;
    }

    /** The row of a session in the tree; empty for a blocker the listing does not show. */
    Optional<SessionRow> rowOf(BlockingTree.Node node) {
        return node.session().isEmpty() ? Optional.empty()
                : Optional.ofNullable(rows.get(key(node.dataSource(), node.id())));
    }

    /** Builds the tree anew from the shown rows. */
    void update() {
        List<SessionRow> shown = viewModel.allRows();
        // who waits and whom they name, in one pass; most refreshes end here, with nobody waiting
        // (as the refresh's worker found out, so not even that pass)
        Set<String> involved = new HashSet<>();
        for (SessionRow r : viewModel.anyoneWaits() ? shown : List.<SessionRow>of()) {
            Session s = r.getSession();
            // the attribute itself, not Session.blockingIds(): no optional made per row and refresh
            List<String> blockers = StandardAttributes.BLOCKED_BY.valueOf(s);
            if (blockers != null && !blockers.isEmpty()) {
                String source = s.key().dataSource();
                involved.add(key(source, s.id()));
                blockers.forEach(id -> involved.add(key(source, id)));
            }
        }
        Map<String, SessionRow> byKey = new HashMap<>();
        List<Session> sessions = new ArrayList<>();
        if (!involved.isEmpty()) {
            for (SessionRow r : shown) {
                Session s = r.getSession();
                String k = key(s.key().dataSource(), s.id());
                // one id on several OBServers: the first row stands for the session
                if (involved.contains(k) && byKey.putIfAbsent(k, r) == null) {
                    sessions.add(s);
                }
            }
        }
        BlockingTree next = sessions.isEmpty() ? NONE : BlockingTree.of(sessions);
        rows = byKey;
        mark(next);
        tree.set(next);
        waiting.set(next.waiterCount());
        List<String> reasons = new ArrayList<>();
        for (SessionSource source : viewModel.shownSources()) {
            source.blockingUnknown().ifPresent(t -> reasons.add(
                    Messages.get("blocking.unknown", source.name(), t.resolve(Messages.locale()))));
        }
        if (!reasons.equals(unknown)) {
            unknown.setAll(reasons);
        }
    }

    /** Marks the rows of the root blockers with how many they hold up, and unmarks the others. */
    private void mark(BlockingTree next) {
        List<SessionRow> now = new ArrayList<>();
        for (BlockingTree.Node root : next.roots()) {
            rowOf(root).ifPresent(r -> {
                r.setHoldsUp(root.heldUp());
                now.add(r);
            });
        }
        Set<SessionRow> still = new HashSet<>(now);
        for (SessionRow r : marked) {
            if (!still.contains(r)) {
                r.setHoldsUp(0);
            }
        }
        marked = now;
    }

    static String key(String dataSource, String id) {
        return dataSource + "\u0000" + id;
    }
}
