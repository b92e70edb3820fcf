package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.ConnectionPool;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each waiter of a PostgreSQL listing waits for, from {@code pg_locks} (PostgreSQL manual,
 * "pg_locks"): the lock that is not granted, its mode and relation, and how long it has waited
 * ({@code waitstart}, PostgreSQL 14+; absent before). Asked only when the listing has waiters
 * ({@link StandardAttributes#BLOCKED_BY} filled from {@code pg_blocking_pids}), for their pids only, on
 * the listing's connection with the query timeout.
 *
 * <p>A row-lock wait shows as an ungranted lock on the holder's transaction id (the first waiter,
 * which holds the row's tuple lock) or on the tuple (the waiters after it); the table is the
 * relation of the tuple lock either way.
 */
final class PostgresLockWaits {

    /** {@code %s}: the seconds waited, or a typed NULL before PostgreSQL 14. */
    static final String LOCK_WAITS = """
            SELECT w.pid, w.locktype, w.mode, w.relation::regclass::text, w.transactionid::text, %s,
                   (SELECT t.relation::regclass::text FROM pg_locks t
                     WHERE t.pid = w.pid AND t.locktype = 'tuple' LIMIT 1)
            FROM pg_locks w
            WHERE NOT w.granted AND w.pid = ANY (?)""";
    static final String WAITED = "EXTRACT(EPOCH FROM now() - w.waitstart)";
    static final String NO_WAITED = "NULL::numeric";

    private final String sql;

    PostgresLockWaits(Version version) {
        this.sql = LOCK_WAITS.formatted(version.major() >= 14 ? WAITED : NO_WAITED);
    }

    /** The words and the wait of one ungranted lock. */
    record Wait(String lock, Duration waited) {
    }

    /**
     * The sessions with {@link StandardAttributes#LOCK_WAITED} and {@link StandardAttributes#LOCK_WAIT_TIME}
     * set on each waiter; the list as it was when nobody waits.
     *
     * @throws SQLException when the server refuses the question; the caller keeps the listing without it
     */
    List<Session> fill(ConnectionPool pool, Connection c, List<Session> sessions) throws SQLException {
        List<Integer> waiters = new ArrayList<>();
        for (Session s : sessions) {
            if (!s.blockingIds().isEmpty()) {
                waiters.add((int) s.key().numericId());
            }
        }
        if (waiters.isEmpty()) {
            return sessions;
        }
        Map<Long, Wait> waits = read(pool, c, waiters);
        if (waits.isEmpty()) {
            return sessions;
        }
        List<Session> out = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            Wait w = s.blockingIds().isEmpty() ? null : waits.get(s.key().numericId());
            out.add(w == null ? s : s.toBuilder().set(StandardAttributes.LOCK_WAITED, w.lock())
                    .set(StandardAttributes.LOCK_WAIT_TIME, w.waited()).build());
        }
        return out;
    }

    private Map<Long, Wait> read(ConnectionPool pool, Connection c, List<Integer> pids) throws SQLException {
        Map<Long, Wait> out = new HashMap<>();
        try (PreparedStatement ps = pool.prepare(c, sql)) {
            Array array = c.createArrayOf("int4", pids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal seconds = rs.getBigDecimal(6);
                    out.putIfAbsent(rs.getLong(1), new Wait(
                            words(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(7)),
                            PostgresSessionSource.seconds(seconds)));
                }
            }
        }
        return out;
    }

    /**
     * "row lock on orders (waits for transaction 7321), ShareLock", "relation lock on orders,
     * AccessExclusiveLock", "advisory lock, ExclusiveLock".
     */
    static String words(String locktype, String mode, String relation, String transaction, String tupleRelation) {
        String table = relation != null ? relation : tupleRelation;
        StringBuilder b = new StringBuilder();
        switch (locktype == null ? "" : locktype) {
            case "transactionid", "tuple" -> {
                b.append("row lock");
                if (table != null) {
                    b.append(" on ").append(table);
                }
                if (transaction != null) {
                    b.append(" (waits for transaction ").append(transaction).append(')');
                }
            }
            case "relation" -> b.append("relation lock on ").append(table == null ? "?" : table);
            default -> {
                b.append(locktype).append(" lock");
                if (table != null) {
                    b.append(" on ").append(table);
                }
            }
        }
        if (mode != null) {
            b.append(", ").append(mode);
        }
        return b.toString();
    }
}
