package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.mysql.LockWaits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lock waits of an OceanBase tenant in MySQL mode, in one statement per refresh.
 *
 * <ul>
 *   <li>4.2.0 and later: the {@code BLOCK = 1} rows of {@code oceanbase.GV$OB_LOCKS} (OceanBase manual,
 *       "GV$OB_LOCKS", introduced in 4.2.0): {@code SESSION_ID} and {@code TRANS_ID} are the waiter's,
 *       {@code ID1} the holder's transaction, {@code TYPE} TR (a row; {@code ID3} is
 *       {@code tablet_id-rowkey}), TX (a transaction) or TM (a table), {@code REQUEST} the mode asked
 *       for, {@code CTIME} the microseconds waited. The holder's session comes from
 *       {@code GV$OB_TRANSACTION_PARTICIPANTS} ({@code TX_ID} to {@code SESSION_ID}, one row per
 *       participant: {@link #LOCKS}), as OceanBase's own diagnostic tool (obdiag, "lock_conflict")
 *       does.</li>
 *   <li>Before 4.2: {@code oceanbase.__all_virtual_lock_wait_stat} ({@code session_id},
 *       {@code block_session_id}, the row's {@code table_id} (3.x) or {@code tablet_id} (4.0, 4.1),
 *       {@code rowkey}, {@code time_after_recv} in microseconds). Its columns differ between releases:
 *       the first refresh probes them ({@link #PROBE_LOCK_WAIT_STAT}) and selects the ones there.</li>
 * </ul>
 * A missing privilege or view (1142, 1146) gives {@link LockWaits.Result#unknown()} naming it; the
 * refresh goes on. Not verified against a live OceanBase (docs/oceanbase.md): the shapes follow the
 * manual and the view definitions in OceanBase's source.
 */
public final class ObLockWaits implements LockWaits.Reader {

    private static final Logger LOG = LoggerFactory.getLogger(ObLockWaits.class);

    /** 4.2+: each waiter with its holder's session, when the holder's transaction is still there. */
    static final String LOCKS = """
            SELECT DISTINCT l.SESSION_ID, p.SESSION_ID, l.TYPE, l.ID1, l.ID3, l.REQUEST, l.CTIME
            FROM oceanbase.GV$OB_LOCKS l
            LEFT JOIN oceanbase.GV$OB_TRANSACTION_PARTICIPANTS p ON p.TX_ID = l.ID1 AND p.TENANT_ID = l.TENANT_ID
            WHERE l.BLOCK = 1""";
    /** Before 4.2: which columns this release's lock-wait table has. */
    static final String PROBE_LOCK_WAIT_STAT = "SELECT * FROM oceanbase.__all_virtual_lock_wait_stat WHERE 1 = 0";

    private static final String VIEWS_42 = "oceanbase.GV$OB_LOCKS and GV$OB_TRANSACTION_PARTICIPANTS";
    private static final String VIEW_OLD = "oceanbase.__all_virtual_lock_wait_stat";

    private final ConnectionPool pool;
    private final boolean v42;
    /** The statement each refresh runs; before 4.2 null until the columns were probed. */
    private volatile String sql;

    public ObLockWaits(ServerInfo info, ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.v42 = info.version().atLeast(4, 2, 0);
        this.sql = v42 ? LOCKS : null;
    }

    @Override
    public LockWaits.Result read(Connection c) throws SQLException {
        String views = v42 ? VIEWS_42 : VIEW_OLD;
        try {
            String q = sql;
            if (q == null) {
                q = lockWaitStatSql(columns(c));
                if (q == null) {
                    return LockWaits.Result.unknown(LockWaits.noView("session_id and block_session_id in " + VIEW_OLD));
                }
                sql = q;
            }
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(q)) {
                return LockWaits.Result.known(v42 ? collect42(rs) : collectOld(rs));
            }
        } catch (SQLException e) {
            Text why = LockWaits.unknownBecause(e, views);
            LOG.debug("Cannot read lock waits: {}", e.getMessage());
            return LockWaits.Result.unknown(why);
        }
    }

    private Set<String> columns(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(PROBE_LOCK_WAIT_STAT)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * The pre-4.2 statement over the columns present: session_id, block_session_id, the table or
     * tablet, rowkey, time_after_recv (NULL where missing, so the indexes stay fixed); null without
     * the first two.
     */
    static String lockWaitStatSql(Set<String> present) {
        if (!present.contains("session_id") || !present.contains("block_session_id")) {
            return null;
        }
        String where = present.contains("tablet_id") ? "CONCAT('tablet ', tablet_id)"
                : present.contains("table_id") ? "CONCAT('table ', table_id)" : "NULL";
        return "SELECT session_id, block_session_id, " + where + ", "
                + (present.contains("rowkey") ? "rowkey" : "NULL") + ", "
                + (present.contains("time_after_recv") ? "time_after_recv" : "NULL") + ", "
                + (present.contains("lock_mode") ? "lock_mode" : "NULL")
                + " FROM " + VIEW_OLD;
    }

    /** Maps {@link #LOCKS}: waiter, holder, TYPE, ID1, ID3, REQUEST, CTIME (µs). */
    static List<LockWaits.Wait> collect42(ResultSet rs) throws SQLException {
        List<LockWaits.Wait> out = new ArrayList<>();
        while (rs.next()) {
            String waiter = id(rs, 1);
            if (waiter == null) {
                continue;
            }
            out.add(new LockWaits.Wait(waiter, id(rs, 2),
                    describe(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), micros(rs, 7)));
        }
        return out;
    }

    /** Maps {@link #lockWaitStatSql}: session_id, block_session_id, table or tablet, rowkey, time_after_recv (µs), lock_mode. */
    static List<LockWaits.Wait> collectOld(ResultSet rs) throws SQLException {
        List<LockWaits.Wait> out = new ArrayList<>();
        while (rs.next()) {
            String waiter = id(rs, 1);
            if (waiter == null) {
                continue;
            }
            StringBuilder lock = new StringBuilder("row lock");
            String where = rs.getString(3);
            if (where != null) {
                lock.append(" on ").append(where);
            }
            String rowkey = rs.getString(4);
            if (rowkey != null && !rowkey.isEmpty()) {
                lock.append(", rowkey ").append(rowkey);
            }
            String mode = rs.getString(6);
            if (mode != null && !mode.isEmpty()) {
                lock.append(", ").append(mode);
            }
            out.add(new LockWaits.Wait(waiter, id(rs, 2), lock.toString(), micros(rs, 5)));
        }
        return out;
    }

    /**
     * "row lock on tablet 200001, rowkey {"VARCHAR":"A-1"}, X" (TR), "transaction lock, transaction
     * 91234, X" (TX), "table lock, ROW EXCLUSIVE" (TM).
     */
    static String describe(String type, String holderTransaction, String id3, String request) {
        StringBuilder s = new StringBuilder();
        String t = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
        switch (t) {
            case "TR" -> {
                s.append("row lock");
                if (id3 != null && !id3.isEmpty()) {
                    int dash = id3.indexOf('-');
                    if (dash > 0) {
                        s.append(" on tablet ").append(id3, 0, dash).append(", rowkey ").append(id3.substring(dash + 1));
                    } else {
                        s.append(" on ").append(id3);
                    }
                }
            }
            case "TX" -> {
                s.append("transaction lock");
                if (holderTransaction != null && !holderTransaction.isEmpty()) {
                    s.append(", transaction ").append(holderTransaction);
                }
            }
            case "TM" -> s.append("table lock");
            default -> s.append(t.isEmpty() ? "lock" : t + " lock");
        }
        if (request != null && !request.isEmpty() && !"NONE".equalsIgnoreCase(request)) {
            s.append(", ").append(request);
        }
        return s.toString();
    }

    /** A session id, or null for NULL, 0 and negative ids (no session). */
    private static String id(ResultSet rs, int column) throws SQLException {
        long id = rs.getLong(column);
        return rs.wasNull() || id <= 0 ? null : Long.toString(id);
    }

    private static Duration micros(ResultSet rs, int column) throws SQLException {
        long us = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofNanos(Math.max(0, us) * 1_000);
    }
}
