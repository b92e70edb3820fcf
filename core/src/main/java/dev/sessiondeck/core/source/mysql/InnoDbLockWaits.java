package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.ConnectionPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lock waits of MySQL and MariaDB: InnoDB row and table locks, and metadata locks where
 * {@code performance_schema} shows them, in one statement per refresh.
 *
 * <ul>
 *   <li>MySQL 8.0 and 9.x: {@code performance_schema.data_lock_waits} (who waits for whom, by
 *       transaction), {@code data_locks} for the waited lock's table, index, type and mode, and
 *       {@code information_schema.INNODB_TRX} for the processlist ids and the wait's start, the
 *       tables {@code sys.innodb_lock_waits} joins (MySQL Reference Manual, "The data_lock_waits
 *       Table", "The data_locks Table", "The INFORMATION_SCHEMA INNODB_TRX Table", "The
 *       innodb_lock_waits and x$innodb_lock_waits Views"): {@link #ROW_WAITS_DATA_LOCKS}.</li>
 *   <li>MySQL 5.7 and MariaDB 10.x/11.x: {@code information_schema.INNODB_TRX}
 *       ({@code trx_mysql_thread_id} is the processlist id, {@code trx_requested_lock_id} the lock a
 *       transaction in {@code LOCK WAIT} waits for) and {@code INNODB_LOCKS}, which holds exactly the
 *       locks taking part in a wait: the requested ones and those that block them (MySQL 5.7 manual,
 *       "InnoDB INFORMATION_SCHEMA Transaction and Locking Information", "The INFORMATION_SCHEMA
 *       INNODB_LOCKS Table"; MariaDB Knowledge Base, "Information Schema INNODB_LOCKS Table"):
 *       {@link #TRANSACTIONS_INFORMATION_SCHEMA} every refresh, {@link #LOCKS_INFORMATION_SCHEMA} only
 *       when a waiter asks for a lock not seen before or a holder seen before has ended (a lock is
 *       held until its transaction ends, so what was read stays true until then; with 100 waiters
 *       this saved 0.55 ms of about 1 ms a refresh). A waiter is blocked by the transactions holding a
 *       granted lock (one no transaction requests) on the same record (same table, space, page and
 *       heap number) or, for a table lock, the same table. {@code INNODB_LOCK_WAITS} is not read: it
 *       also names every waiter queued ahead on the same record (550 rows for 100 waiters on 10 rows),
 *       and filling it cost as much as the two other tables together (0.95 ms against 0.45 + 0.40 ms
 *       on MariaDB 11.4 with 1,000 sessions, 100 of them waiting). So a waiter queued behind another
 *       waiter shows the holder as its blocker, not the waiter ahead of it.</li>
 *   <li>Metadata locks, every version with {@code performance_schema.metadata_locks} (MySQL 5.7+,
 *       MariaDB 10.5.2+) when the first refresh finds {@code performance_schema} on and readable:
 *       {@link #METADATA_LOCKS}, added with {@code UNION ALL}; who holds up whom is worked out here
 *       ({@link MetadataLocks}). Otherwise metadata-lock waits are left out without a word: MariaDB
 *       starts with {@code performance_schema} off, and MySQL 5.7 and MariaDB with the
 *       {@code wait/lock/metadata/sql/mdl} instrument off (the table is then empty).</li>
 * </ul>
 *
 * <p>Why the tables are not joined in SQL, as {@code sys.innodb_lock_waits} joins them: the
 * {@code information_schema} tables are filled into temporary tables without indexes, and MariaDB
 * joins them by scanning (block nested loops). With 100 sessions waiting for rows 10 others hold
 * (550 rows in {@code INNODB_LOCK_WAITS}: InnoDB also names the waiters queued ahead) the join as
 * {@code sys} writes it took 11 ms, twice the listing of 1,000 sessions; the tables read flat took about
 * 1.3 ms with {@code INNODB_LOCK_WAITS} and 1.0 ms without it (of
 * {@code INNODB_TRX} only the transactions that hold or wait for a lock, {@code trx_lock_structs > 0}:
 * plain readers hold none). So every row has a kind and up to seven values, and {@link #collect}
 * joins them by their ids:
 * <ul>
 *   <li>{@code W}: requesting transaction, blocking transaction, requested lock id;</li>
 *   <li>{@code T}: transaction, its processlist id (0 for none: a prepared XA transaction), seconds
 *       waited ({@code TIMESTAMPDIFF(SECOND, trx_wait_started, NOW())}, NULL when not waiting), and
 *       (MySQL 5.7, MariaDB) the id of the lock it waits for;</li>
 *   <li>{@code K} (MySQL 5.7, MariaDB): lock id, its transaction, the quoted table, index, lock type,
 *       mode, and the record as {@code space:page:heap number} (empty for a table lock);</li>
 *   <li>{@code L}: lock id, schema (MySQL 5.7 and MariaDB: the quoted {@code `db`.`table`}), table,
 *       index, lock type ({@code RECORD} or {@code TABLE}), mode ({@code X,REC_NOT_GAP} ...);</li>
 *   <li>{@code M}: owner's processlist id, schema, name, object type, lock type, status
 *       ({@code PENDING} or {@code GRANTED}), seconds in its state ({@code PROCESSLIST_TIME}).</li>
 * </ul>
 * Each table is read at most once per refresh; MariaDB fills the InnoDB tables from one cache,
 * refreshed at most every 0.1 s, so two statements of one refresh agree with one another.
 *
 * <p>Privileges: {@code INNODB_TRX} and {@code INNODB_LOCKS} need
 * {@code PROCESS} (error 1227, SQLState 42000); {@code performance_schema} tables need {@code SELECT}
 * on them (error 1142). Without them {@link LockWaits.Result#unknown()} names what is missing; the
 * refresh goes on.
 */
public final class InnoDbLockWaits implements LockWaits.Reader {

    private static final Logger LOG = LoggerFactory.getLogger(InnoDbLockWaits.class);

    /**
     * MySQL 8.0+: the waits, the transactions that hold a lock or wait for one, and the requested
     * locks ({@code data_locks} lists every lock of every transaction: only the requested ones are
     * read, by the index on {@code ENGINE_LOCK_ID}). Public, like the other statements here, for the
     * benchmarks, which time them raw.
     */
    public static final String ROW_WAITS_DATA_LOCKS = """
            SELECT 'W', REQUESTING_ENGINE_TRANSACTION_ID, BLOCKING_ENGINE_TRANSACTION_ID, REQUESTING_ENGINE_LOCK_ID,
                   NULL, NULL, NULL, NULL
            FROM performance_schema.data_lock_waits
            UNION ALL
            SELECT 'T', trx_id, trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, trx_wait_started, NOW()), NULL, NULL, NULL, NULL
            FROM information_schema.INNODB_TRX
            WHERE trx_lock_structs > 0 OR trx_state = 'LOCK WAIT'
            UNION ALL
            SELECT 'L', ENGINE_LOCK_ID, OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, LOCK_TYPE, LOCK_MODE, NULL
            FROM performance_schema.data_locks
            WHERE ENGINE_LOCK_ID IN (SELECT REQUESTING_ENGINE_LOCK_ID FROM performance_schema.data_lock_waits)""";
    /**
     * MySQL 5.7, MariaDB, every refresh: the transactions holding or waiting for a lock, each waiter
     * with the id of the lock it requested.
     */
    public static final String TRANSACTIONS_INFORMATION_SCHEMA = """
            SELECT 'T', trx_id, trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, trx_wait_started, NOW()), trx_requested_lock_id,
                   NULL, NULL, NULL
            FROM information_schema.INNODB_TRX
            WHERE trx_lock_structs > 0 OR trx_state = 'LOCK WAIT'""";
    /**
     * MySQL 5.7, MariaDB, when a waiter or a holder changed: every lock taking part in a wait
     * ({@code INNODB_LOCKS} holds only those, so it is read whole); {@code lock_table} comes quoted.
     */
    public static final String LOCKS_INFORMATION_SCHEMA = """
            SELECT 'K', lock_id, lock_trx_id, lock_table, lock_index, lock_type, lock_mode,
                   CONCAT_WS(':', lock_space, lock_page, lock_rec)
            FROM information_schema.INNODB_LOCKS""";
    /** Every metadata lock on an object someone waits for, with its owner's processlist id. */
    public static final String METADATA_LOCKS = """
            SELECT 'M', t.PROCESSLIST_ID, m.OBJECT_SCHEMA, m.OBJECT_NAME, m.OBJECT_TYPE, m.LOCK_TYPE, m.LOCK_STATUS,
                   t.PROCESSLIST_TIME
            FROM performance_schema.metadata_locks m
            JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID
            WHERE EXISTS (SELECT 1 FROM performance_schema.metadata_locks p
                          WHERE p.LOCK_STATUS = 'PENDING' AND p.OBJECT_TYPE = m.OBJECT_TYPE
                            AND p.OBJECT_SCHEMA <=> m.OBJECT_SCHEMA AND p.OBJECT_NAME <=> m.OBJECT_NAME)""";
    /**
     * Asked once, on the first refresh: whether {@code performance_schema} is on, and (the statement
     * fails otherwise, 1142) whether the user may read the two tables {@link #METADATA_LOCKS} reads.
     */
    static final String PROBE_METADATA_LOCKS = """
            SELECT @@performance_schema,
                   (SELECT COUNT(*) FROM performance_schema.metadata_locks m
                    JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID WHERE 1 = 0)""";

    private final ConnectionPool pool;
    private final String rowWaits;
    private final String views;
    private final boolean metadataLocksExist;
    /** MySQL 5.7 and MariaDB: the waits come from INNODB_TRX, and INNODB_LOCKS when {@link #holders} is out of date. */
    private final boolean informationSchema;
    /** The statement every refresh runs; null until the first refresh probed performance_schema. */
    private volatile String sql;
    /** MySQL 5.7 and MariaDB: who held what each waiter asked for, as last read from INNODB_LOCKS. */
    private volatile Holders holders = Holders.NONE;

    /**
     * @param info what the server is: the product and version choose the views
     * @param pool gives every statement the query timeout
     */
    public InnoDbLockWaits(ServerInfo info, ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        boolean dataLocks = info.product() == Product.MYSQL && info.version().atLeast(8, 0, 1);
        this.informationSchema = !dataLocks;
        this.rowWaits = dataLocks ? ROW_WAITS_DATA_LOCKS : TRANSACTIONS_INFORMATION_SCHEMA;
        this.views = dataLocks ? "performance_schema.data_lock_waits, data_locks and information_schema.INNODB_TRX"
                : "information_schema.INNODB_TRX and INNODB_LOCKS";
        Version v = info.version();
        this.metadataLocksExist = info.product() == Product.MARIADB ? v.atLeast(10, 5, 2) : v.atLeast(5, 7, 0);
    }

    /** The statement the refreshes run, once the first one has probed; null before. For tests. */
    String statement() {
        return sql;
    }

    /**
     * One statement per refresh; on MySQL 5.7 and MariaDB a second one ({@link #LOCKS_INFORMATION_SCHEMA})
     * only in a refresh where a transaction waits for a lock not seen before or a holder seen before
     * has ended.
     */
    @Override
    public LockWaits.Result read(Connection c) throws SQLException {
        String q = sql;
        if (q == null) {
            q = metadataLocksExist && metadataLocksReadable(c) ? rowWaits + "\nUNION ALL\n" + METADATA_LOCKS : rowWaits;
            sql = q;
        }
        try {
            Rows rows;
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(q)) {
                rows = Rows.read(rs);
            }
            if (informationSchema) {
                Holders known = holders;
                if (!known.cover(rows.transactions)) {
                    try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(LOCKS_INFORMATION_SCHEMA)) {
                        known = Holders.of(rows.transactions, Rows.read(rs).involved);
                    }
                    holders = known;
                }
                rows.holders = known;
            }
            return LockWaits.Result.known(rows.waits());
        } catch (SQLException e) {
            holders = Holders.NONE;
            Text why = LockWaits.unknownBecause(e, views);
            LOG.debug("Cannot read lock waits: {}", e.getMessage());
            return LockWaits.Result.unknown(why);
        }
    }

    private boolean metadataLocksReadable(Connection c) throws SQLException {
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(PROBE_METADATA_LOCKS)) {
            boolean on = rs.next() && rs.getInt(1) == 1;
            if (!on) {
                LOG.info("Metadata-lock waits are not read: performance_schema is off on {}", pool.description());
            }
            return on;
        } catch (SQLException e) {
            LockWaits.unknownBecause(e, "performance_schema.metadata_locks");
            LOG.info("Metadata-lock waits are not read on {}: {}", pool.description(), e.getMessage());
            return false;
        }
    }

    /** A transaction of a {@code T} row: its session, how long it has waited, and the lock it waits for (or null). */
    private record Trx(String session, Duration waited, String requested) {
    }

    /** A lock of a {@code K} row: its transaction, what it locks (table and record), and its words. */
    private record HeldOrRequested(String id, String trx, String resource, String words) {
    }

    /** What a waiter asked for, in words, and the transactions holding a granted lock on it. */
    private record Wanted(String words, List<String> holderTransactions) {
    }

    /**
     * MySQL 5.7 and MariaDB: for each requested lock id, what it is and who holds the resource. Locks
     * are held until the transaction ends, so this stays true while the same transactions wait for
     * the same lock ids and every holder is still there; then INNODB_LOCKS need not be read again.
     */
    private record Holders(Map<String, Wanted> byRequestedLock) {

        static final Holders NONE = new Holders(Map.of());

        static Holders of(Map<String, Trx> transactions, List<HeldOrRequested> involved) {
            Map<String, HeldOrRequested> byId = new HashMap<>();
            Set<String> requested = new HashSet<>();
            for (Trx t : transactions.values()) {
                if (t.requested() != null) {
                    requested.add(t.requested());
                }
            }
            Map<String, List<HeldOrRequested>> grantedOn = new HashMap<>();
            for (HeldOrRequested l : involved) {
                byId.put(l.id(), l);
                if (!requested.contains(l.id())) {
                    grantedOn.computeIfAbsent(l.resource(), r -> new ArrayList<>()).add(l);
                }
            }
            Map<String, Wanted> out = new HashMap<>();
            for (Map.Entry<String, Trx> e : transactions.entrySet()) {
                String lockId = e.getValue().requested();
                HeldOrRequested wanted = lockId == null ? null : byId.get(lockId);
                if (wanted == null) {
                    continue;
                }
                List<String> holding = new ArrayList<>();
                for (HeldOrRequested held : grantedOn.getOrDefault(wanted.resource(), List.of())) {
                    if (!held.trx().equals(e.getKey()) && !holding.contains(held.trx())) {
                        holding.add(held.trx());
                    }
                }
                out.put(lockId, new Wanted(wanted.words(), List.copyOf(holding)));
            }
            return new Holders(Map.copyOf(out));
        }

        /** Whether every waiter's lock is known and every holder known is still in {@code transactions}. */
        boolean cover(Map<String, Trx> transactions) {
            for (Trx t : transactions.values()) {
                if (t.requested() == null) {
                    continue;
                }
                Wanted w = byRequestedLock.get(t.requested());
                if (w == null || !transactions.keySet().containsAll(w.holderTransactions())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Each waiting transaction blocked by the sessions of the transactions holding what it asked
         * for; with no blocker when none is known or the holder has no session.
         */
        List<LockWaits.Wait> waits(Map<String, Trx> transactions) {
            List<LockWaits.Wait> out = new ArrayList<>();
            for (Trx waiter : transactions.values()) {
                if (waiter.requested() == null || waiter.session() == null) {
                    continue;
                }
                Wanted w = byRequestedLock.get(waiter.requested());
                List<String> blockers = new ArrayList<>();
                if (w != null) {
                    for (String trx : w.holderTransactions()) {
                        Trx holder = transactions.get(trx);
                        String session = holder == null ? null : holder.session();
                        if (!blockers.contains(session)) {
                            blockers.add(session);
                        }
                    }
                }
                if (blockers.isEmpty()) {
                    blockers.add(null);
                }
                String words = w == null ? "row lock" : w.words();
                for (String blocker : blockers) {
                    out.add(new LockWaits.Wait(waiter.session(), blocker, words, waiter.waited()));
                }
            }
            out.sort(Comparator.comparing((LockWaits.Wait x) -> Long.parseLong(x.waiter()))
                    .thenComparing(x -> x.blocker() == null ? Long.MAX_VALUE : Long.parseLong(x.blocker())));
            return out;
        }
    }

    /** The rows of one statement by kind (see the class comment). */
    private static final class Rows {
        List<String[]> waits;
        final Map<String, Trx> transactions = new HashMap<>();
        final Map<String, String> locks = new HashMap<>();
        List<MetadataLocks.Lock> metadata;
        final List<HeldOrRequested> involved = new ArrayList<>();
        /** MySQL 5.7 and MariaDB: who holds what the waiters asked for; null on MySQL 8. */
        Holders holders;

        static Rows read(ResultSet rs) throws SQLException {
            Rows r = new Rows();
            while (rs.next()) {
                String kind = rs.getString(1);
                switch (kind) {
                    case "W" -> {
                        if (r.waits == null) {
                            r.waits = new ArrayList<>();
                        }
                        r.waits.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                    case "T" -> r.transactions.put(rs.getString(2),
                            new Trx(id(rs.getString(3)), seconds(rs.getString(4)), rs.getString(5)));
                    case "K" -> {
                        String type = rs.getString(6);
                        String record = rs.getString(8);
                        r.involved.add(new HeldOrRequested(rs.getString(2), rs.getString(3),
                                type + " " + rs.getString(4) + (record == null || record.isEmpty() ? "" : " " + record),
                                rowLock(rs.getString(4), null, rs.getString(5), type, rs.getString(7))));
                    }
                    case "L" -> r.locks.put(rs.getString(2),
                            rowLock(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    case "M" -> {
                        String owner = id(rs.getString(2));
                        if (owner != null) {
                            if (r.metadata == null) {
                                r.metadata = new ArrayList<>();
                            }
                            r.metadata.add(new MetadataLocks.Lock(owner, rs.getString(5), rs.getString(3), rs.getString(4),
                                    rs.getString(6), "PENDING".equals(rs.getString(7)), seconds(rs.getString(8))));
                        }
                    }
                    default -> LOG.debug("Unknown row kind {} in the lock-wait statement", kind);
                }
            }
            return r;
        }

        List<LockWaits.Wait> waits() {
            List<LockWaits.Wait> out = new ArrayList<>();
            if (waits != null) {
                for (String[] w : waits) {
                    Trx waiter = transactions.get(w[0]);
                    if (waiter == null || waiter.session() == null) {
                        continue;
                    }
                    Trx blocker = transactions.get(w[1]);
                    String lock = locks.getOrDefault(w[2], "row lock");
                    out.add(new LockWaits.Wait(waiter.session(), blocker == null ? null : blocker.session(), lock,
                            waiter.waited()));
                }
            }
            if (holders != null) {
                out.addAll(holders.waits(transactions));
            }
            if (metadata != null) {
                out.addAll(MetadataLocks.waits(metadata));
            }
            return out;
        }
    }

    /**
     * Maps and joins every row of a recorded reading: MySQL 8's statement, or MySQL 5.7's and
     * MariaDB's two statements' rows together (see the class comment for the kinds of rows).
     */
    static List<LockWaits.Wait> collect(ResultSet rs) throws SQLException {
        Rows rows = Rows.read(rs);
        if (!rows.involved.isEmpty()) {
            rows.holders = Holders.of(rows.transactions, rows.involved);
        }
        return rows.waits();
    }

    /** A processlist id, or null for NULL and 0 (no session: a prepared XA transaction, a background thread). */
    private static String id(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip()) > 0 ? value.strip() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * "row lock on shop.orders, index PRIMARY, X,REC_NOT_GAP"; InnoDB's table locks (lock type
     * {@code TABLE}) read "table lock on shop.orders, IX".
     */
    static String rowLock(String schema, String table, String index, String type, String mode) {
        String qualified = table == null ? LockWaits.unquoteTable(schema) : schema == null ? table : schema + "." + table;
        StringBuilder s = new StringBuilder("TABLE".equalsIgnoreCase(type) ? "table lock" : "row lock");
        if (qualified != null) {
            s.append(" on ").append(qualified);
        }
        if (index != null && !index.isEmpty()) {
            s.append(", index ").append(index);
        }
        if (mode != null && !mode.isEmpty()) {
            s.append(", ").append(mode);
        }
        return s.toString();
    }
}
