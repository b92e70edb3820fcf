package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot changed against the snapshot applied before it, worked out on the refresh's worker
 * so that the JavaFX thread only sets the changed values: for each session of the new snapshot, where
 * the same session stood in the one before (by {@link SessionKey#sameSession}) and whether it changed
 * only its execution time or more, with the columns' new values; how many run a statement; whether
 * any may form groups. Reads only immutable snapshots and sessions (and the columns known, an
 * immutable list): safe on any thread. Made once, read-only afterwards.
 */
final class SnapshotDiff {

    /** The session is the same object as before: nothing to set. */
    static final byte SAME = 0;
    /** Only the execution time changed (a statement or an idle spell that goes on): one value. */
    static final byte TIME = 1;
    /** More changed, or the session is new: every column's value is in {@link #values}. */
    static final byte FULL = 2;

    /** The snapshot diffed against, as applied to the rows; null for none (the first refresh). */
    final Snapshot base;
    final Snapshot next;
    /** Per session of {@link #next}: the index of the same session in {@link #base}, -1 when it was not there. */
    final int[] previous;
    /** Per session of {@link #next}: {@link #SAME}, {@link #TIME} or {@link #FULL}. */
    final byte[] kind;
    /** Per session: its execution time column's value ({@link #TIME}), or every column's ({@link #FULL}, by index). */
    final Object[] values;
    /** The columns {@link #values} were worked out for; the rows fall back to their own when more are known since. */
    final List<SessionColumn> columns;
    /** Per session: the seconds its highlight is judged by ({@link #highlightSeconds}). */
    final double[] highlightSeconds;
    /** How many sessions of {@link #next} run a statement. */
    final int active;
    /** True when {@link #next} has sessions that may form groups (several servers, parallel workers). */
    final boolean mayGroup;

    private SnapshotDiff(Snapshot base, Snapshot next) {
        this.base = base;
        this.next = next;
        List<Session> now = next.sessions();
        List<Session> before = base == null ? List.of() : base.sessions();
        int n = now.size();
        previous = new int[n];
        kind = new byte[n];
        values = new Object[n];
        highlightSeconds = new double[n];
        columns = SessionColumn.all();
        Map<SessionKey, Integer> at = null;
        int cursor = 0;
        int activeCount = 0;
        boolean group = false;
        for (int i = 0; i < n; i++) {
            Session s = now.get(i);
            int p = -1;
            // a server lists its sessions in much the same order each time: walk the old list, and
            // look the rest up in a map made on the first miss
            if (cursor < before.size() && before.get(cursor).key().sameSession(s.key())) {
                p = cursor;
            } else if (!before.isEmpty()) {
                if (at == null) {
                    at = index(before);
                }
                Integer found = at.get(s.key().sessionOnly());
                p = found == null ? -1 : found;
            }
            if (p >= 0) {
                cursor = p + 1;
            }
            previous[i] = p;
            Session was = p < 0 ? null : before.get(p);
            if (was == s) {
                kind[i] = SAME;
            } else if (was != null && was.sameApartFromExecutionTime(s)) {
                kind[i] = TIME;
                values[i] = SessionColumn.EXECUTION_TIME.valueOf(s);
            } else {
                kind[i] = FULL;
                Object[] all = new Object[columns.size()];
                for (SessionColumn c : columns) {
                    all[c.index()] = c.valueOf(s);
                }
                values[i] = all;
            }
            highlightSeconds[i] = highlightSeconds(s);
            if (s.isActive()) {
                activeCount++;
            }
            group |= !s.key().server().isEmpty() || s.attributes().get(StandardAttributes.LEADER_ID) != null;
        }
        this.active = activeCount;
        this.mayGroup = group;
    }

    /**
     * The difference between {@code base} (the snapshot the rows show; null for none) and {@code next}.
     * O(n) with a server's usual order, plus one hash map of {@code base}'s keys when sessions came,
     * went or moved.
     */
    static SnapshotDiff of(Snapshot base, Snapshot next) {
        return new SnapshotDiff(base, next);
    }

    /**
     * The execution time in seconds by which a session's row is highlighted against the thresholds;
     * NaN for one never highlighted (idle, SessionDeck's own, or with no execution time).
     */
    static double highlightSeconds(Session s) {
        return !s.isActive() || s.own() || StandardAttributes.EXECUTION_TIME.valueOf(s) == null
                ? Double.NaN : s.executionSeconds();
    }

    /** Each session's first index, by {@link SessionKey#sessionOnly()}. */
    private static Map<SessionKey, Integer> index(List<Session> sessions) {
        Map<SessionKey, Integer> at = new HashMap<>(sessions.size() * 2);
        for (int i = 0; i < sessions.size(); i++) {
            at.putIfAbsent(sessions.get(i).key().sessionOnly(), i);
        }
        return at;
    }
}
