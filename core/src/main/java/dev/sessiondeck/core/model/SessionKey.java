package dev.sessiondeck.core.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a kill needs to reach exactly one session, and what a snapshot diff matches rows by.
 *
 * @param dataSource the data source's name as the user knows it (never blank)
 * @param server     the server inside the data source that hosts the session: the OBServer
 *                   ({@code SVR_IP:SQL_PORT}) for OceanBase, empty for single-server databases
 * @param id         the session id as the data source defines it, never blank: MySQL/MariaDB/OceanBase
 *                   thread id ({@code CONNECTION_ID()}) and PostgreSQL backend pid as decimal digits,
 *                   a 1C session UUID
 * @param identity   what proves that the id still names the same session: {@code user@host} on
 *                   MySQL and MariaDB (thread ids are not reused while the server runs, but a
 *                   different owner means a different session), the ISO-8601 {@code backend_start}
 *                   on PostgreSQL (pids are reused by the OS), the start time on 1C; empty when
 *                   unknown, for example a bare id typed on the command line
 * @param queryId    the statement the user saw (MariaDB {@code QUERY_ID}): a query kill then uses
 *                   {@code KILL QUERY ID}, so that a statement that already finished cannot take its
 *                   successor down; empty where the database has no such id
 */
public record SessionKey(String dataSource, String server, String id, String identity, OptionalLong queryId) {

    public SessionKey {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a session id cannot be blank");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(queryId, "queryId");
    }

    /** A key for a bare id, as typed by a user, with no identity to check. */
    public static SessionKey ofId(String dataSource, String id) {
        return new SessionKey(dataSource, "", id, "", OptionalLong.empty());
    }

    /** A key for a numeric session id (thread id, backend pid). */
    public SessionKey(String dataSource, String server, long id, String identity, OptionalLong queryId) {
        this(dataSource, server, Long.toString(id), identity, queryId);
    }

    /**
     * The id as a number, for data sources whose ids are numbers (thread ids, pids).
     *
     * @throws SourceIdException when the id is not a whole number from 0 to {@link Long#MAX_VALUE}
     */
    public long numericId() {
        return parseNumericId(id);
    }

    /**
     * Reads a numeric session id.
     *
     * @throws SourceIdException when {@code text} is not a whole number from 0 to {@link Long#MAX_VALUE}
     */
    public static long parseNumericId(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 19 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SourceIdException("a session id here is a whole number of 0 or more, not '" + text + "'");
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new SourceIdException("a session id here is a whole number of 0 or more, not '" + text + "'");
        }
    }

    /** Thrown for a session id that the data source cannot have. */
    public static final class SourceIdException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public SourceIdException(String message) {
            super(message);
        }
    }

    /**
     * This key without the statement: the same session whatever it runs. Snapshot diffs and row
     * maps use it, so that a session stays one row while it moves from statement to statement.
     */
    public SessionKey sessionOnly() {
        return queryId.isEmpty() ? this : new SessionKey(dataSource, server, id, identity, OptionalLong.empty());
    }

    /**
     * True when both keys name the same session, whatever statement each saw: the same as
     * {@code sessionOnly().equals(other.sessionOnly())}, without making keys (the id first, since it
     * differs most often).
     */
    public boolean sameSession(SessionKey other) {
        return other != null && id.equals(other.id) && identity.equals(other.identity) && server.equals(other.server)
                && dataSource.equals(other.dataSource);
    }

    /** True when this key carries an identity to check before a kill. */
    public boolean hasIdentity() {
        return !identity.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(dataSource);
        if (!server.isEmpty()) {
            b.append('/').append(server);
        }
        b.append('#').append(id);
        if (!identity.isEmpty()) {
            b.append('(').append(identity).append(')');
        }
        queryId.ifPresent(q -> b.append(" query ").append(q));
        return b.toString();
    }
}
