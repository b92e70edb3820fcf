package dev.sessiondeck.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessions of one data source at one moment. Immutable.
 *
 * @param dataSource the data source's name
 * @param sessions   the sessions in the order the server listed them
 * @param fetchedAt  when the listing query returned
 * @param latency    how long the listing took, from sending the query to the last row mapped
 * @param idleLeftOut how many idle client sessions the server had that a {@link SnapshotScope#BUSY}
 *                    listing left out (not in {@code sessions}); 0 for a listing of everything
 */
public record Snapshot(String dataSource, List<Session> sessions, Instant fetchedAt, Duration latency,
                       int idleLeftOut) {

    /** @throws IllegalArgumentException when {@code idleLeftOut} is negative */
    public Snapshot {
        Objects.requireNonNull(dataSource, "dataSource");
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(latency, "latency");
        if (idleLeftOut < 0) {
            throw new IllegalArgumentException("idle sessions left out cannot be negative: " + idleLeftOut);
        }
    }

    /** A snapshot of every session ({@link SnapshotScope#ALL}: none left out). */
    public Snapshot(String dataSource, List<Session> sessions, Instant fetchedAt, Duration latency) {
        this(dataSource, sessions, fetchedAt, latency, 0);
    }

    /** The session with this id (on any server of the data source), if listed. */
    public Optional<Session> find(String id) {
        for (Session s : sessions) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** How many sessions run a statement now. */
    public long activeCount() {
        return sessions.stream().filter(Session::isActive).count();
    }
}
