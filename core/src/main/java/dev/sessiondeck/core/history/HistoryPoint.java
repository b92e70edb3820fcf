package dev.sessiondeck.core.history;

import dev.sessiondeck.core.model.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One refresh of a data source as the history keeps it: its counts always, its sessions while the
 * history's memory budget allows (the newest refreshes keep theirs longest).
 *
 * @param at       when the snapshot was taken ({@code Snapshot.fetchedAt})
 * @param total    sessions listed (background threads and SessionDeck's own left out), plus the idle
 *                 ones a busy listing left out ({@code Snapshot.idleLeftOut})
 * @param active   of those, running a statement
 * @param blocked  of those, waiting for another session ({@code blockingIds} not empty)
 * @param longest  the longest execution time of a running statement; empty when none runs or the
 *                 data source gives no execution times
 */
public record HistoryPoint(Instant at, int total, int active, int blocked, Optional<Duration> longest,
                           List<Session> sessionsOrNull) {
    // sessionsOrNull: the sessions of that refresh, or null once the memory budget let them go

    /** The sessions of that refresh as listed; empty once the memory budget let them go. */
    public Optional<List<Session>> sessions() {
        return Optional.ofNullable(sessionsOrNull);
    }
}
