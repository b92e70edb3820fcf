package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who waits for which lock, held by whom: what the MySQL family's sources read once per refresh,
 * after the listing and on its connection, and put on the waiting sessions as
 * {@link StandardAttributes#BLOCKED_BY}, {@link StandardAttributes#LOCK_WAITED} and
 * {@link StandardAttributes#LOCK_WAIT_TIME}. The reading itself is a {@link Reader}: InnoDB's views on
 * MySQL and MariaDB ({@link InnoDbLockWaits}), OceanBase's in its own package.
 */
public final class LockWaits {

    static final String MESSAGES = "dev.sessiondeck.core.source.mysql.messages";

    /** ER_NO_SUCH_TABLE, SQLState 42S02: "Table 'db.name' doesn't exist". */
    static final int NO_SUCH_TABLE = 1146;
    /** ER_UNKNOWN_TABLE, SQLState 42S02: "Unknown table 'name' in information_schema". */
    static final int UNKNOWN_TABLE = 1109;

    private static final Pattern PRIVILEGE = Pattern.compile("the ([A-Z_ ]+?) privilege", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOR_TABLE = Pattern.compile("for table [`'\"]?(.+?)[`'\"]?$");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private LockWaits() {
    }

    /**
     * One waiter waiting for one lock that one session holds (or requested ahead of it). A waiter
     * that waits for a lock several sessions hold comes as several waits.
     *
     * @param waiter  the waiting session's id as the listing shows it (MySQL's processlist id)
     * @param blocker the id of the session holding it up; null when the server does not say (a
     *                prepared XA transaction no session owns, a holder the view cannot name)
     * @param lock    what is waited for, in the server's terms: "row lock on shop.orders, index
     *                PRIMARY, X,REC_NOT_GAP", "metadata lock on shop.orders, SHARED_WRITE"
     * @param waited  how long the waiter has waited for it; null when the server does not say
     */
    public record Wait(String waiter, String blocker, String lock, Duration waited) {
        public Wait {
            Objects.requireNonNull(waiter, "waiter");
            Objects.requireNonNull(lock, "lock");
        }
    }

    /**
     * What one reading found.
     *
     * @param waits   every wait, empty when nobody waits (or when unknown)
     * @param unknown why who blocks whom could not be read (a missing privilege or view), in words
     *                naming it; empty when the waits are known
     */
    public record Result(List<Wait> waits, Optional<Text> unknown) {
        public Result {
            waits = List.copyOf(waits);
            Objects.requireNonNull(unknown, "unknown");
        }

        /** Nobody waits. */
        public static final Result NONE = new Result(List.of(), Optional.empty());

        public static Result known(List<Wait> waits) {
            return waits.isEmpty() ? NONE : new Result(waits, Optional.empty());
        }

        public static Result unknown(Text why) {
            return new Result(List.of(), Optional.of(why));
        }
    }

    /**
     * Reads the lock waits of one server; one statement per call (a first call may probe what the
     * server offers once before it). Runs with the pool's query timeout on the connection the
     * listing used. Implementations keep what they probed and are safe for several threads.
     */
    @FunctionalInterface
    public interface Reader {

        /** Reads nothing: for a benchmark that times the listing alone. */
        Reader NONE = c -> Result.NONE;

        /**
         * @return the waits, or why they are unknown (a missing privilege or view: never thrown)
         * @throws SQLException only when the connection failed (SQLState class 08, a network
         *                      timeout): the refresh fails as it would for the listing
         */
        Result read(Connection c) throws SQLException;
    }

    /**
     * The sessions with every wait put on its waiter: {@link StandardAttributes#BLOCKED_BY} the
     * distinct blockers in the order read, {@link StandardAttributes#LOCK_WAITED} the first lock,
     * {@link StandardAttributes#LOCK_WAIT_TIME} the longest wait. Every row of a waiter's id gets
     * them (an OceanBase session can have a row on several OBServers). Sessions that wait for
     * nothing are the same objects as before; with no waits the list itself is returned.
     */
    public static List<Session> apply(List<Session> sessions, List<Wait> waits) {
        if (waits.isEmpty()) {
            return sessions;
        }
        Map<String, Waiting> byWaiter = new HashMap<>();
        for (Wait w : waits) {
            Waiting ws = byWaiter.computeIfAbsent(w.waiter(), k -> new Waiting(w.lock()));
            if (w.blocker() != null && !w.blocker().equals(w.waiter())) {
                ws.blockers.add(w.blocker());
            }
            if (w.waited() != null && (ws.waited == null || w.waited().compareTo(ws.waited) > 0)) {
                ws.waited = w.waited();
            }
        }
        List<Session> out = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            Waiting ws = byWaiter.get(s.id());
            if (ws == null) {
                out.add(s);
                continue;
            }
            out.add(s.toBuilder()
                    .set(StandardAttributes.BLOCKED_BY, ws.blockers.isEmpty() ? null : List.copyOf(ws.blockers))
                    .set(StandardAttributes.LOCK_WAITED, ws.lock)
                    .set(StandardAttributes.LOCK_WAIT_TIME, ws.waited)
                    .build());
        }
        return out;
    }

    private static final class Waiting {
        final String lock;
        final Set<String> blockers = new LinkedHashSet<>();
        Duration waited;

        Waiting(String lock) {
            this.lock = lock;
        }
    }

    /**
     * What a failed lock query means for the user. A missing privilege or view (MySQL error 1227
     * ER_SPECIFIC_ACCESS_DENIED_ERROR, 1142 ER_TABLEACCESS_DENIED_ERROR, 1044
     * ER_DBACCESS_DENIED_ERROR, 1146 ER_NO_SUCH_TABLE, 1109 ER_UNKNOWN_TABLE; OceanBase uses the same
     * codes) names it; another refusal of the server quotes it.
     *
     * @param views what the query reads, named when the server's message does not say
     *              ("information_schema.INNODB_TRX")
     * @throws SQLException {@code e} itself when the connection failed (SQLState class 08, a network
     *                      timeout): that is no missing privilege, and the refresh fails with it
     */
    public static Text unknownBecause(SQLException e, String views) throws SQLException {
        if (SqlErrors.network(e, Text.verbatim("")).isPresent()) {
            throw e;
        }
        String message = SqlErrors.firstLine(e.getMessage());
        switch (e.getErrorCode()) {
            case MySqlErrors.SPECIFIC_ACCESS_DENIED: {
                Matcher m = PRIVILEGE.matcher(message);
                return Text.of(MESSAGES, "blocking.privilege").with(m.find() ? m.group(1).strip() : "PROCESS", views);
            }
            case MySqlErrors.TABLE_ACCESS_DENIED: {
                Matcher m = FOR_TABLE.matcher(message);
                return Text.of(MESSAGES, "blocking.tableDenied").with(m.find() ? m.group(1).replace("`", "") : views);
            }
            case MySqlErrors.DATABASE_ACCESS_DENIED:
                return Text.of(MESSAGES, "blocking.databaseDenied").with(lastQuoted(message).orElse(views));
            case NO_SUCH_TABLE:
            case UNKNOWN_TABLE:
                return Text.of(MESSAGES, "blocking.noView").with(firstQuoted(message).orElse(views));
            default:
                return Text.of(MESSAGES, "blocking.failed").with(message + " (error " + e.getErrorCode() + ")");
        }
    }

    /** "Who blocks whom is unknown: this server has no {@code what}." */
    public static Text noView(String what) {
        return Text.of(MESSAGES, "blocking.noView").with(what);
    }

    private static Optional<String> firstQuoted(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> lastQuoted(String message) {
        Matcher m = QUOTED.matcher(message);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** "shop.orders" from InnoDB's quoted {@code `shop`.`orders`} (MySQL 5.7 and MariaDB {@code lock_table}). */
    static String unquoteTable(String lockTable) {
        if (lockTable == null) {
            return null;
        }
        String t = lockTable.strip();
        if (t.startsWith("`")) {
            t = t.replace("`.`", ".");
            t = t.replace("`", "");
        }
        return t;
    }
}
