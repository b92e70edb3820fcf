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
 */
public record Snapshot(String dataSource, List<Session> sessions, Instant fetchedAt, Duration latency) {

    public Snapshot {
        Objects.requireNonNull(dataSource, "dataSource");
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(latency, "latency");
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
