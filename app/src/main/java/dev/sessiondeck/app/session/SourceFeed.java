package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.core.history.SessionHistory;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.source.SessionSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The refresh state of one connected data source inside {@link SessionsViewModel}: its rows by
 * session, its own refresh job (so a slow or dead source never holds up another's), and what its
 * last refresh gave. Touched on the UI thread only.
 */
final class SourceFeed {

    final SessionSource source;
    /** This source's rows by {@link SessionKey#sessionOnly()}. */
    final Map<SessionKey, SessionRow> index = new HashMap<>();
    /**
     * This source's rows in the order of its last snapshot: a server lists its sessions in much the
     * same order each time, so the next snapshot's sessions are matched by walking this list, and
     * only the rest through {@link #index} (docs/benchmarks.md, the diff).
     */
    List<SessionRow> order = new ArrayList<>();
    /**
     * The snapshot the rows show (null before the first): the next refresh's worker diffs against it
     * ({@link SnapshotDiff}). Immutable, handed to the worker as it is.
     */
    dev.sessiondeck.core.model.Snapshot applied;
    /** The row of each session of {@link #applied}, by index (a session listed twice: the same row twice). */
    SessionRow[] rowAt = new SessionRow[0];
    /** True when a session of the last snapshot applied waits for another (found on the worker). */
    boolean anyoneWaits;
    /** How many of {@link #order}'s rows run a statement, counted by the last snapshot applied. */
    int activeRows;
    /** True when the last snapshot had rows that may form groups (several servers, parallel workers). */
    boolean mayGroup;
    /** Rows the last refresh added, highlighted for a moment. */
    final List<SessionRow> freshRows = new ArrayList<>();
    Background.Job job;
    boolean firstSnapshot = true;
    /** How many snapshots were applied; rows remember the last one that listed them. */
    long snapshots;
    /** The last refresh's failure worded for a person; empty when it worked. */
    String error = "";
    /** Why this source shows less than the server has (a missing privilege); empty when it shows all. */
    String limitation = "";
    Instant lastRefresh;
    /**
     * The recent refreshes' counts and sessions, for the history chart: added to on the refresh's
     * worker, read on the UI thread (it is thread-safe).
     */
    final SessionHistory history = new SessionHistory();
    Duration latency;
    /** What the last snapshot applied listed: everything, or the busy sessions only. */
    SnapshotScope scope = SnapshotScope.ALL;
    /** How many idle sessions the last snapshot applied left out ({@code Snapshot.idleLeftOut}); 0 before one. */
    int idleLeftOut() {
        return applied == null ? 0 : applied.idleLeftOut();
    }

    SourceFeed(SessionSource source) {
        this.source = source;
    }

    String name() {
        return source.name();
    }

    boolean refreshing() {
        return job != null && !job.isFinished();
    }

    /** True when the last refresh failed and the rows are those of an earlier one. */
    boolean stale() {
        return !error.isEmpty() && !index.isEmpty();
    }

    void cancel() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }
}
