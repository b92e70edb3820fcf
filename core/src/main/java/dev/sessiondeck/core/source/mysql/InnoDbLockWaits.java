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
 *   <li>MySQL 5.7 and MariaDB 10.x/11.x: {@code information_schema.INNODB_LOCK_WAITS},
 *       {@code INNODB_TRX} ({@code trx_mysql_thread_id} is the processlist id) and
 *       {@code INNODB_LOCKS} (MySQL 5.7 manual, "InnoDB INFORMATION_SCHEMA Transaction and Locking
 *       Information"; MariaDB Knowledge Base, "Information Schema INNODB_LOCK_WAITS Table"):
 *       {@link #ROW_WAITS_INFORMATION_SCHEMA}.</li>
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
 * (550 rows in {@code INNODB_LOCK_WAITS}: InnoDB also names the waiters queued ahead) the join took 11
 * ms, twice the listing of 1,000 sessions; the three tables read flat took about 1.3 ms (of
 * {@code INNODB_TRX} only the transactions that hold or wait for a lock, {@code trx_lock_structs > 0}:
 * plain readers hold none). So every row has a kind and up to seven values, and {@link #collect}
 * joins them by their ids:
 * <ul>
 *   <li>{@code W}: requesting transaction, blocking transaction, requested lock id;</li>
 *   <li>{@code T}: transaction, its processlist id (0 for none: a prepared XA transaction), seconds
 *       waited ({@code TIMESTAMPDIFF(SECOND, trx_wait_started, NOW())}, NULL when not waiting);</li>
 *   <li>{@code L}: lock id, schema (MySQL 5.7 and MariaDB: the quoted {@code `db`.`table`}), table,
 *       index, lock type ({@code RECORD} or {@code TABLE}), mode ({@code X,REC_NOT_GAP} ...);</li>
 *   <li>{@code M}: owner's processlist id, schema, name, object type, lock type, status
 *       ({@code PENDING} or {@code GRANTED}), seconds in its state ({@code PROCESSLIST_TIME}).</li>
 * </ul>
 * Each table is read once per refresh; MariaDB fills the three InnoDB tables from one cache, so they
 * agree with one another.
 *
 * <p>Privileges: {@code INNODB_TRX}, {@code INNODB_LOCKS} and {@code INNODB_LOCK_WAITS} need
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
     * MySQL 5.7, MariaDB: the same from {@code information_schema}; {@code lock_table} comes quoted.
     * {@code INNODB_LOCKS} holds only the locks taking part in a wait, so it is read whole: a filter
     * by subquery would fill {@code INNODB_LOCK_WAITS} once more, which cost more than it saved.
     */
    public static final String ROW_WAITS_INFORMATION_SCHEMA = """
            SELECT 'W', requesting_trx_id, blocking_trx_id, requested_lock_id, NULL, NULL, NULL, NULL
            FROM information_schema.INNODB_LOCK_WAITS
            UNION ALL
            SELECT 'T', trx_id, trx_mysql_thread_id, TIMESTAMPDIFF(SECOND, trx_wait_started, NOW()), NULL, NULL, NULL, NULL
            FROM information_schema.INNODB_TRX
            WHERE trx_lock_structs > 0 OR trx_state = 'LOCK WAIT'
            UNION ALL
            SELECT 'L', lock_id, lock_table, NULL, lock_index, lock_type, lock_mode, NULL
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
    /** The statement every refresh runs; null until the first refresh probed performance_schema. */
    private volatile String sql;

    /**
     * @param info what the server is: the product and version choose the views
     * @param pool gives every statement the query timeout
     */
    public InnoDbLockWaits(ServerInfo info, ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        boolean dataLocks = info.product() == Product.MYSQL && info.version().atLeast(8, 0, 1);
        this.rowWaits = dataLocks ? ROW_WAITS_DATA_LOCKS : ROW_WAITS_INFORMATION_SCHEMA;
        this.views = dataLocks ? "performance_schema.data_lock_waits, data_locks and information_schema.INNODB_TRX"
                : "information_schema.INNODB_LOCK_WAITS, INNODB_LOCKS and INNODB_TRX";
        Version v = info.version();
        this.metadataLocksExist = info.product() == Product.MARIADB ? v.atLeast(10, 5, 2) : v.atLeast(5, 7, 0);
    }

    /** The statement the refreshes run, once the first one has probed; null before. For tests. */
    String statement() {
        return sql;
    }

    @Override
    public LockWaits.Result read(Connection c) throws SQLException {
        String q = sql;
        if (q == null) {
            q = metadataLocksExist && metadataLocksReadable(c) ? rowWaits + "\nUNION ALL\n" + METADATA_LOCKS : rowWaits;
            sql = q;
        }
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(q)) {
            return LockWaits.Result.known(collect(rs));
        } catch (SQLException e) {
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

    /** A transaction of a {@code T} row: its session and how long it has waited. */
    private record Trx(String session, Duration waited) {
    }

    /** Maps and joins every row of the statement (see the class comment for the kinds of rows). */
    static List<LockWaits.Wait> collect(ResultSet rs) throws SQLException {
        List<String[]> waits = null;
        Map<String, Trx> transactions = new HashMap<>();
        Map<String, String> locks = new HashMap<>();
        List<MetadataLocks.Lock> metadata = null;
        while (rs.next()) {
            String kind = rs.getString(1);
            switch (kind) {
                case "W" -> {
                    if (waits == null) {
                        waits = new ArrayList<>();
                    }
                    waits.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
                case "T" -> transactions.put(rs.getString(2), new Trx(id(rs.getString(3)), seconds(rs.getString(4))));
                case "L" -> locks.put(rs.getString(2),
                        rowLock(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                case "M" -> {
                    String owner = id(rs.getString(2));
                    if (owner != null) {
                        if (metadata == null) {
                            metadata = new ArrayList<>();
                        }
                        metadata.add(new MetadataLocks.Lock(owner, rs.getString(5), rs.getString(3), rs.getString(4),
                                rs.getString(6), "PENDING".equals(rs.getString(7)), seconds(rs.getString(8))));
                    }
                }
                default -> LOG.debug("Unknown row kind {} in the lock-wait statement", kind);
            }
        }
        List<LockWaits.Wait> out = new ArrayList<>();
        if (waits != null) {
            for (String[] w : waits) {
                Trx waiter = transactions.get(w[0]);
                if (waiter == null || waiter.session() == null) {
                    continue;
                }
                Trx blocker = transactions.get(w[1]);
                String lock = locks.getOrDefault(w[2], "row lock");
                out.add(new LockWaits.Wait(waiter.session(), blocker == null ? null : blocker.session(), lock, waiter.waited()));
            }
        }
        if (metadata != null) {
            out.addAll(MetadataLocks.waits(metadata));
        }
        return out;
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
