package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Predicate;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The rows of every connected data source and the lists the table shows on top of them: the shown
 * data sources' rows, sorted (the view sets the comparator), then filtered (the search sets the
 * predicate). A snapshot is applied by diffing on {@link SessionKey#sessionOnly()} (worked out on the
 * refresh's worker: {@link SnapshotDiff}): rows are updated in place, new rows appended, ended rows
 * removed, each as one list change, so that 10,000 sessions cost a few passes over the rows and one
 * sort per refresh. Touched on the UI thread only.
 */
final class SessionRows {

    /** Every connected data source's rows; the shown and filtered lists sit on top. */
    private final SessionRowList rows = new SessionRowList();
    private final FilteredList<SessionRow> shownSourceRows = new FilteredList<>(rows, r -> false);
    /**
     * The shown data sources' rows in the table's order. Sorted before filtering: a keystroke in a
     * search then filters rows already in order instead of sorting what passes (docs/benchmarks.md,
     * keystroke over 100,000 rows).
     */
    private final SortedRows sorted = new SortedRows(shownSourceRows);
    private final FilteredList<SessionRow> filtered = new FilteredList<>(sorted);

    /** Every row of every data source. */
    SessionRowList all() {
        return rows;
    }

    /** The shown data sources' rows, before the filters, in snapshot order. */
    FilteredList<SessionRow> shownSourceRows() {
        return shownSourceRows;
    }

    SortedRows sorted() {
        return sorted;
    }

    /** What the table shows: the shown data sources' rows, sorted, filtered. */
    FilteredList<SessionRow> filtered() {
        return filtered;
    }

    /** Shows the rows of these data sources; {@code null} for all. */
    void show(Collection<SourceFeed> feeds) {
        shownSourceRows.setPredicate(feeds == null ? null
                : feeds.isEmpty() ? r -> false
                : feeds.size() == 1 ? oneOf(feeds.iterator().next()) : r -> feeds.contains(r.feed));
    }

    private static Predicate<SessionRow> oneOf(SourceFeed feed) {
        return r -> r.feed == feed;
    }

    /** Drops every row of a data source that is closed. */
    void remove(SourceFeed feed) {
        feed.index.values().forEach(SessionRows::end);
        feed.index.clear();
        feed.order = new ArrayList<>();
        feed.rowAt = new SessionRow[0];
        feed.applied = null;
        feed.activeRows = 0;
        rows.removeWhere(r -> r.ended);
    }

    /**
     * Applies a snapshot of {@code feed}: rows updated in place from {@code diff}, worked out on the
     * refresh's worker against the snapshot the rows show (worked out here when it was not: the rows
     * then showed another).
     *
     * @param feeds     every connected data source (groups need to know whether any may group)
     * @param highlight sets a row's highlight from its session's {@link SnapshotDiff#highlightSeconds}
     */
    void apply(SourceFeed feed, SnapshotDiff diff, Collection<SourceFeed> feeds, ObjDoubleConsumer<SessionRow> highlight) {
        if (diff.base != feed.applied) {
            diff = SnapshotDiff.of(feed.applied, diff.next);
        }
        Snapshot snapshot = diff.next;
        long number = ++feed.snapshots;
        List<SessionRow> pending = new ArrayList<>();
        List<SessionRow> added = new ArrayList<>();
        boolean wasStale = !feed.error.isEmpty();
        for (SessionRow r : feed.freshRows) {
            r.setFresh(false);
        }
        feed.freshRows.clear();
        List<SessionRow> previous = feed.order;
        SessionRow[] before = feed.rowAt;
        List<Session> sessions = snapshot.sessions();
        SessionRow[] rowAt = new SessionRow[sessions.size()];
        List<SessionRow> order = new ArrayList<>(sessions.size());
        for (int i = 0; i < rowAt.length; i++) {
            Session s = sessions.get(i);
            int p = diff.previous[i];
            // the row of the same session in the snapshot before; a new session's row may have been
            // made already for a session listed twice
            SessionRow row = p >= 0 ? before[p] : feed.index.get(s.key().sessionOnly());
            if (row == null) {
                row = new SessionRow(s, diff.values[i] instanceof Object[] all ? all : null, diff.columns);
                feed.index.put(s.key().sessionOnly(), row);
                row.feed = feed;
                added.add(row);
                if (!feed.firstSnapshot) {
                    row.setFresh(true);
                    feed.freshRows.add(row);
                }
            } else if (row.session() != s) {
                byte kind = p >= 0 && row.session() == diff.base.sessions().get(p) ? diff.kind[i] : SnapshotDiff.FULL;
                if (kind == SnapshotDiff.TIME) {
                    // filters and groups read nothing that changed; a new time may move the row (below)
                    row.updateTime(s, diff.values[i]);
                } else {
                    boolean wasActive = row.isActive();
                    boolean wasBackground = row.session().background();
                    // only what the filters and groups read is told to the lists now; a row whose
                    // times or SQL changed may keep its place (see the order check below)
                    SessionRow.Change change = kind == SnapshotDiff.FULL && diff.values[i] instanceof Object[] all
                            ? row.updateAll(s, all, diff.columns) : row.update(s);
                    if (change == SessionRow.Change.FILTERED_OR_GROUPED || wasActive != s.isActive()
                            || wasBackground != s.background()) {
                        row.filterInputsChanged = true;
                        if (verdictChanges(row)) {
                            markPending(row, pending);
                        }
                    }
                }
            }
            rowAt[i] = row;
            if (row.lastSeen != number) {
                row.lastSeen = number;
                order.add(row);
            }
            if (wasStale) {
                row.setStaleReason("");
            }
            highlight.accept(row, diff.highlightSeconds[i]);
        }
        // rows this snapshot did not list are gone (a mark per row, not a second map of 10,000 keys)
        boolean anyGone = false;
        for (SessionRow r : previous) {
            if (r.lastSeen != number) {
                feed.index.remove(r.getSession().key().sessionOnly());
                end(r);
                anyGone = true;
            }
        }
        feed.order = order;
        feed.rowAt = rowAt;
        feed.applied = snapshot;
        feed.activeRows = diff.active;
        if (anyGone) {
            rows.removeWhere(r -> r.ended);
        }
        // groups (one id on several OBServers, parallel workers) need a pass over every row; only
        // when a data source has such rows now or had them in its last snapshot
        boolean grouping = diff.mayGroup || feed.mayGroup || feeds.stream().anyMatch(f -> f != feed && f.mayGroup);
        feed.mayGroup = diff.mayGroup;
        if (grouping) {
            List<SessionRow> all = new ArrayList<>(rows.size() + added.size());
            all.addAll(rows);
            all.addAll(added);
            SessionGroups.assign(all, r -> r.pendingUpdate).forEach(r -> markPending(r, pending));
        }
        if (sorted.getComparator() != null && (grouping || !SessionGroups.byKeyOnly(sorted.getComparator()))) {
            // rows whose new values put them elsewhere in the table's order are placed again (with no
            // column to sort by and no groups the order is the rows' keys: nobody moves)
            SortOrder.outOfPlace(sorted, sorted.getComparator()).forEach(r -> markPending(r, pending));
        }
        if (!pending.isEmpty()) {
            BitSet updated = new BitSet(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).pendingUpdate) {
                    updated.set(i);
                }
            }
            pending.forEach(r -> r.pendingUpdate = false);
            rows.fireUpdated(updated);
        }
        rows.append(added);
    }

    /**
     * True when the table's filter now judges a changed row otherwise than before, so that the
     * filtered list must be told. A row that stays shown (or hidden) is not: its cells follow its
     * values by themselves, and a move in the sort order is found apart ({@link SortOrder}). With no
     * search nor toggle set, a snapshot where a third of 10,000 sessions went from idle to running
     * and back told the lists of every one of them (docs/benchmarks.md, {@code window.apply}).
     * Relies on the invariant of the filtered list's predicate: every row of the sorted list carries
     * its verdict ({@link SessionSearch}); testing again records the new one.
     */
    private boolean verdictChanges(SessionRow row) {
        Predicate<? super SessionRow> p = filtered.getPredicate();
        if (p == null) {
            return false;
        }
        boolean before = row.passes;
        return p.test(row) != before;
    }

    /** Adds a row to those the lists are told of after this snapshot, once. */
    private static void markPending(SessionRow r, List<SessionRow> pending) {
        if (!r.pendingUpdate) {
            r.pendingUpdate = true;
            pending.add(r);
        }
    }

    /**
     * Marks a row ended and lets go of its data source: the table, a selection or a dialog may hold
     * an ended row for a while, and through its data source it would keep every row of it.
     */
    private static void end(SessionRow r) {
        r.ended = true;
        r.feed = null;
    }

    /**
     * How many of these data sources' rows run a statement, as their last snapshots counted them (a
     * sum per data source, not a pass over 10,000 rows on every refresh).
     */
    static int activeCount(Collection<SourceFeed> feeds) {
        int active = 0;
        for (SourceFeed f : feeds) {
            active += f.activeRows;
        }
        return active;
    }

    /** The shown rows, as an unmodifiable view. */
    ObservableList<SessionRow> shownView() {
        return javafx.collections.FXCollections.unmodifiableObservableList(shownSourceRows);
    }
}
