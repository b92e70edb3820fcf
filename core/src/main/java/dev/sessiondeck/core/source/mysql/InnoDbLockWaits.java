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
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lock waits of MySQL and MariaDB: InnoDB row and table locks, and metadata locks where
 * {@code performance_schema} shows them, in one statement per refresh.
 *
 * <ul>
 *   <li>MySQL 8.0 and 9.x: {@code performance_schema.data_lock_waits} with {@code data_locks} for the
 *       waited lock's table, index, type and mode, and {@code information_schema.INNODB_TRX} for the
 *       processlist ids and the wait's start, joined as {@code sys.innodb_lock_waits} joins them
 *       (MySQL Reference Manual, "The data_lock_waits Table", "The data_locks Table", "The
 *       innodb_lock_waits and x$innodb_lock_waits Views"): {@link #ROW_WAITS_DATA_LOCKS}.</li>
 *   <li>MySQL 5.7 and MariaDB 10.x/11.x: {@code information_schema.INNODB_LOCK_WAITS} joined twice with
 *       {@code INNODB_TRX} ({@code trx_mysql_thread_id} is the processlist id) and with
 *       {@code INNODB_LOCKS} for the waited lock (MySQL 5.7 manual, "InnoDB INFORMATION_SCHEMA
 *       Transaction and Locking Information"; MariaDB Knowledge Base, "Information Schema
 *       INNODB_LOCK_WAITS Table"): {@link #ROW_WAITS_INFORMATION_SCHEMA}.</li>
 *   <li>Metadata locks, every version with {@code performance_schema.metadata_locks} (MySQL 5.7+,
 *       MariaDB 10.5.2+) when the first refresh finds {@code performance_schema} on and readable:
 *       {@link #METADATA_LOCKS}, added with {@code UNION ALL}; who holds up whom is worked out here
 *       ({@link MetadataLocks}). Otherwise metadata-lock waits are left out without a word: MariaDB
 *       starts with {@code performance_schema} off, and MySQL 5.7 and MariaDB with the
 *       {@code wait/lock/metadata/sql/mdl} instrument off (the table is then empty).</li>
 * </ul>
 *
 * <p>Every row has the same ten columns: kind ({@code ROW} or {@code MDL}), the waiter's (for
 * {@code MDL}: the owner's) processlist id, the blocker's processlist id ({@code ROW} only), schema,
 * table, index, lock type (InnoDB's {@code RECORD} or {@code TABLE}; for {@code MDL} the object type),
 * mode, status ({@code PENDING} or {@code GRANTED}) and seconds waited ({@code ROW}:
 * {@code TIMESTAMPDIFF(SECOND, trx_wait_started, NOW())}; {@code MDL}: {@code PROCESSLIST_TIME}, the
 * seconds the thread has been in its state).
 *
 * <p>Privileges: {@code INNODB_TRX}, {@code INNODB_LOCKS} and {@code INNODB_LOCK_WAITS} need
 * {@code PROCESS} (error 1227, SQLState 42000); {@code performance_schema} tables need {@code SELECT}
 * on them (error 1142). Without them {@link LockWaits.Result#unknown()} names what is missing; the
 * refresh goes on.
 */
public final class InnoDbLockWaits implements LockWaits.Reader {

    private static final Logger LOG = LoggerFactory.getLogger(InnoDbLockWaits.class);

    /** MySQL 8.0+: the waits of {@code data_lock_waits}, as {@code sys.x$innodb_lock_waits} joins them. */
    static final String ROW_WAITS_DATA_LOCKS = """
            SELECT 'ROW', r.trx_mysql_thread_id, b.trx_mysql_thread_id, l.OBJECT_SCHEMA, l.OBJECT_NAME,
                   l.INDEX_NAME, l.LOCK_TYPE, l.LOCK_MODE, 'PENDING', TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW())
            FROM performance_schema.data_lock_waits w
            JOIN information_schema.INNODB_TRX r ON r.trx_id = CAST(w.REQUESTING_ENGINE_TRANSACTION_ID AS CHAR)
            JOIN information_schema.INNODB_TRX b ON b.trx_id = CAST(w.BLOCKING_ENGINE_TRANSACTION_ID AS CHAR)
            JOIN performance_schema.data_locks l ON l.ENGINE_LOCK_ID = w.REQUESTING_ENGINE_LOCK_ID""";
    /**
     * MySQL 5.7, MariaDB: the waits of {@code INNODB_LOCK_WAITS}. {@code lock_table} is quoted
     * ({@code `shop`.`orders`}) and comes in the schema column, the table column NULL.
     */
    static final String ROW_WAITS_INFORMATION_SCHEMA = """
            SELECT 'ROW', r.trx_mysql_thread_id, b.trx_mysql_thread_id, l.lock_table, NULL,
                   l.lock_index, l.lock_type, l.lock_mode, 'PENDING', TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW())
            FROM information_schema.INNODB_LOCK_WAITS w
            JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
            JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
            JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id""";
    /** Every metadata lock on an object someone waits for, with its owner's processlist id. */
    static final String METADATA_LOCKS = """
            SELECT 'MDL', t.PROCESSLIST_ID, NULL, m.OBJECT_SCHEMA, m.OBJECT_NAME,
                   NULL, m.OBJECT_TYPE, m.LOCK_TYPE, m.LOCK_STATUS, t.PROCESSLIST_TIME
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
        this.views = dataLocks ? "performance_schema.data_lock_waits and information_schema.INNODB_TRX"
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

    /** Maps every row of the statement (see the class comment for its ten columns). */
    static List<LockWaits.Wait> collect(ResultSet rs) throws SQLException {
        List<LockWaits.Wait> waits = new ArrayList<>();
        List<MetadataLocks.Lock> metadata = null;
        while (rs.next()) {
            String kind = rs.getString(1);
            String owner = id(rs, 2);
            if (owner == null) {
                continue;
            }
            String schema = rs.getString(4);
            String table = rs.getString(5);
            String type = rs.getString(7);
            String mode = rs.getString(8);
            long seconds = rs.getLong(10);
            Duration waited = rs.wasNull() ? null : Duration.ofSeconds(Math.max(0, seconds));
            if ("MDL".equals(kind)) {
                if (metadata == null) {
                    metadata = new ArrayList<>();
                }
                metadata.add(new MetadataLocks.Lock(owner, type, schema, table, mode,
                        "PENDING".equals(rs.getString(9)), waited));
            } else {
                waits.add(new LockWaits.Wait(owner, id(rs, 3), rowLock(schema, table, rs.getString(6), type, mode), waited));
            }
        }
        if (metadata != null) {
            waits.addAll(MetadataLocks.waits(metadata));
        }
        return waits;
    }

    /** A processlist id, or null for NULL and 0 (no session: a prepared XA transaction, a background thread). */
    private static String id(ResultSet rs, int column) throws SQLException {
        long id = rs.getLong(column);
        return rs.wasNull() || id <= 0 ? null : Long.toString(id);
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
