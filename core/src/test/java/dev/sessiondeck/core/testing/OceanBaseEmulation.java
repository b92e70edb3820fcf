package dev.sessiondeck.core.testing;

import dev.sessiondeck.core.source.ConnectionSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OceanBase 4.2 emulated inside a real MariaDB started as
 * {@code new EmbeddedMariaDb("--version=5.7.25-OceanBase_CE-v4.2.1.0")}: {@code oceanbase.ob_version()}
 * answers 4.2.1.0, {@code oceanbase.GV$OB_PROCESSLIST} is a view with the 4.2 column set over the live
 * processlist (so kills act on real sessions, on the OBServer {@code 127.0.0.1:<port>}) plus the
 * recorded rows of {@code fixtures/oceanbase/4.2/gv_ob_processlist.csv} (several OBServers, one
 * OBProxy), and the procedures of {@code DBMS_MONITOR} record their calls in
 * {@code oceanbase.trace_calls} ({@link #traceCalls}). {@code GV$OB_LOCKS} and
 * {@code GV$OB_TRANSACTION_PARTICIPANTS} are views of the 4.2 shape over MariaDB's live InnoDB lock
 * waits ({@code INNODB_LOCK_WAITS}, {@code INNODB_TRX}: a waiter's TR row with its holder's
 * transaction in ID1, {@code lock_space-lock_data} as ID3, the wait in microseconds) plus the recorded
 * rows of {@code gv_ob_locks.csv} and {@code gv_ob_transaction_participants.csv}. The adapter's own
 * SQL runs over a real connection; {@link EmbeddedMariaDb#ADMIN} may read and call all of it.
 */
public final class OceanBaseEmulation {

    /** The recorded rows, as {@code GV$OB_PROCESSLIST} on a 4.2 cluster returned them. */
    public static final String RECORDED = "4.2/gv_ob_processlist.csv";

    private static final Set<String> NUMERIC = Set.of("SVR_PORT", "SQL_PORT", "ID", "PROXY_SESSID", "MASTER_SESSID",
            "RETRY_CNT", "RETRY_INFO", "TRANS_ID", "THREAD_ID", "IN_BYTES", "OUT_BYTES", "LEVEL", "SAMPLE_PERCENTAGE");
    private static final Set<String> DECIMAL = Set.of("TIME", "TOTAL_TIME", "TOTAL_CPU_TIME");
    /** Recorded rows of GV$OB_LOCKS and GV$OB_TRANSACTION_PARTICIPANTS. */
    public static final String RECORDED_LOCKS = "4.2/gv_ob_locks.csv";
    public static final String RECORDED_PARTICIPANTS = "4.2/gv_ob_transaction_participants.csv";
    private static final Set<String> LOCK_NUMERIC = Set.of("SVR_PORT", "TENANT_ID", "TRANS_ID", "SESSION_ID", "ID1",
            "ID2", "CTIME", "BLOCK", "TX_ID", "LS_ID", "PENDING_LOG_SIZE", "FLUSHED_LOG_SIZE", "COORD", "FORMATID");

    /** One recorded {@code DBMS_MONITOR} call; level, sample and policy are null for a disable. */
    public record TraceCall(String name, long sessionId, Integer level, BigDecimal sampleFraction, String recordPolicy) {
    }

    private OceanBaseEmulation() {
    }

    /** Creates the {@code oceanbase} and {@code DBMS_MONITOR} schemas in {@code db}; once per server. */
    public static void install(EmbeddedMariaDb db) throws SQLException {
        List<Map<String, String>> recorded = Fixtures.rows(RECORDED);
        List<String> columns = new ArrayList<>(recorded.get(0).keySet());
        try (Connection c = db.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE oceanbase");
            StringBuilder ddl = new StringBuilder("CREATE TABLE oceanbase.recorded_processlist (");
            for (String col : columns) {
                ddl.append('`').append(col).append("` ").append(NUMERIC.contains(col) ? "BIGINT"
                        : DECIMAL.contains(col) ? "DECIMAL(20,6)" : col.equals("INFO") ? "LONGTEXT" : "VARCHAR(256)").append(", ");
            }
            st.execute(ddl.substring(0, ddl.length() - 2) + ")");
            String insert = "INSERT INTO oceanbase.recorded_processlist VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (Map<String, String> row : recorded) {
                    for (int i = 0; i < columns.size(); i++) {
                        ps.setString(i + 1, row.get(columns.get(i)));
                    }
                    ps.executeUpdate();
                }
            }
            Map<String, String> live = Map.ofEntries(
                    Map.entry("SVR_IP", "'127.0.0.1'"), Map.entry("SVR_PORT", "2882"), Map.entry("SQL_PORT", Integer.toString(db.port())),
                    Map.entry("ID", "ID"), Map.entry("USER", "USER"), Map.entry("HOST", "HOST"), Map.entry("DB", "DB"),
                    Map.entry("TENANT", "'obmysql'"), Map.entry("COMMAND", "COMMAND"), Map.entry("TIME", "TIME_MS / 1000"),
                    Map.entry("TOTAL_TIME", "TIME_MS / 1000"), Map.entry("STATE", "IF(COMMAND = 'Sleep', 'SLEEP', 'ACTIVE')"),
                    Map.entry("INFO", "INFO"), Map.entry("USER_CLIENT_IP", "SUBSTRING_INDEX(HOST, ':', 1)"),
                    Map.entry("SQL_ID", "IF(INFO IS NULL, NULL, UPPER(MD5(INFO)))"), Map.entry("THREAD_ID", "TID"));
            StringBuilder view = new StringBuilder("CREATE VIEW oceanbase.`GV$OB_PROCESSLIST` AS SELECT ");
            for (String col : columns) {
                view.append(live.getOrDefault(col, "NULL")).append(" AS `").append(col).append("`, ");
            }
            st.execute(view.substring(0, view.length() - 2)
                    + " FROM information_schema.PROCESSLIST UNION ALL SELECT * FROM oceanbase.recorded_processlist");
            installLocks(c, st);
            st.execute("CREATE FUNCTION oceanbase.ob_version() RETURNS VARCHAR(32) DETERMINISTIC RETURN '4.2.1.0'");
            st.execute("CREATE TABLE oceanbase.trace_calls (seq INT AUTO_INCREMENT PRIMARY KEY, call_name VARCHAR(64),"
                    + " session_id BIGINT, level INT, sample_pct DECIMAL(20,10), record_policy VARCHAR(64))");
            st.execute("CREATE DATABASE DBMS_MONITOR");
            st.execute("CREATE PROCEDURE DBMS_MONITOR.OB_SESSION_TRACE_ENABLE(session_id DECIMAL(20,0), level DECIMAL(20,0),"
                    + " sample_pct DECIMAL(20,10), record_policy VARCHAR(16000)) INSERT INTO oceanbase.trace_calls"
                    + " (call_name, session_id, level, sample_pct, record_policy) VALUES ('ENABLE', session_id, level, sample_pct, record_policy)");
            st.execute("CREATE PROCEDURE DBMS_MONITOR.OB_SESSION_TRACE_DISABLE(session_id DECIMAL(20,0))"
                    + " INSERT INTO oceanbase.trace_calls (call_name, session_id) VALUES ('DISABLE', session_id)");
            st.execute("GRANT SELECT, EXECUTE ON oceanbase.* TO '" + EmbeddedMariaDb.ADMIN + "'@'%'");
            st.execute("GRANT EXECUTE ON DBMS_MONITOR.* TO '" + EmbeddedMariaDb.ADMIN + "'@'%'");
        }
    }

    /** GV$OB_LOCKS and GV$OB_TRANSACTION_PARTICIPANTS: MariaDB's live lock waits in their shape, plus recorded rows. */
    private static void installLocks(Connection c, Statement st) throws SQLException {
        String innodbWaits = " FROM information_schema.INNODB_LOCK_WAITS w"
                + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id"
                + " JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id";
        view(c, st, "GV$OB_LOCKS", RECORDED_LOCKS, Map.ofEntries(
                Map.entry("SVR_IP", "'127.0.0.1'"), Map.entry("SVR_PORT", "2882"), Map.entry("TENANT_ID", "1002"),
                Map.entry("TRANS_ID", "r.trx_id"), Map.entry("SESSION_ID", "r.trx_mysql_thread_id"), Map.entry("TYPE", "'TR'"),
                Map.entry("ID1", "w.blocking_trx_id"), Map.entry("ID2", "b.trx_mysql_thread_id"),
                Map.entry("ID3", "CONCAT(l.lock_space, '-', l.lock_data)"), Map.entry("LMODE", "'NONE'"),
                Map.entry("REQUEST", "l.lock_mode"), Map.entry("CTIME", "TIMESTAMPDIFF(MICROSECOND, r.trx_wait_started, NOW())"),
                Map.entry("BLOCK", "1")), innodbWaits);
        view(c, st, "GV$OB_TRANSACTION_PARTICIPANTS", RECORDED_PARTICIPANTS, Map.ofEntries(
                Map.entry("TENANT_ID", "1002"), Map.entry("SVR_IP", "'127.0.0.1'"), Map.entry("SVR_PORT", "2882"),
                Map.entry("SESSION_ID", "trx_mysql_thread_id"), Map.entry("TX_ID", "trx_id"), Map.entry("LS_ID", "1001"),
                Map.entry("STATE", "'ACTIVE'")), " FROM information_schema.INNODB_TRX");
    }

    /** {@code oceanbase.<name>}: the live rows {@code live} selects {@code from}, then the recorded rows of {@code csv}. */
    private static void view(Connection c, Statement st, String name, String csv, Map<String, String> live, String from)
            throws SQLException {
        List<Map<String, String>> recorded = Fixtures.rows(csv);
        List<String> columns = new ArrayList<>(recorded.get(0).keySet());
        String table = "oceanbase.`recorded_" + name.replace("$", "_").toLowerCase(java.util.Locale.ROOT) + "`";
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (String col : columns) {
            ddl.append('`').append(col).append("` ").append(LOCK_NUMERIC.contains(col) ? "BIGINT" : "VARCHAR(512)").append(", ");
        }
        st.execute(ddl.substring(0, ddl.length() - 2) + ")");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)")) {
            for (Map<String, String> row : recorded) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setString(i + 1, row.get(columns.get(i)));
                }
                ps.executeUpdate();
            }
        }
        StringBuilder view = new StringBuilder("CREATE VIEW oceanbase.`" + name + "` AS SELECT ");
        for (String col : columns) {
            view.append(live.getOrDefault(col, "NULL")).append(" AS `").append(col).append("`, ");
        }
        st.execute(view.substring(0, view.length() - 2) + from + " UNION ALL SELECT * FROM " + table);
    }

    /** The administrator's data source on the emulated tenant, named {@code name}. */
    public static ConnectionSpec spec(EmbeddedMariaDb db, String name) {
        return db.adminSpec().toBuilder().name(name).database("oceanbase").build();
    }

    /** The {@code DBMS_MONITOR} calls recorded for {@code sessionId}, oldest first. */
    public static List<TraceCall> traceCalls(EmbeddedMariaDb db, long sessionId) throws SQLException {
        List<TraceCall> calls = new ArrayList<>();
        try (Connection c = db.connectRoot();
             PreparedStatement ps = c.prepareStatement("SELECT call_name, session_id, level, sample_pct, record_policy"
                     + " FROM oceanbase.trace_calls WHERE session_id = ? ORDER BY seq")) {
            ps.setLong(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.add(new TraceCall(rs.getString(1), rs.getLong(2), rs.getObject(3, Integer.class),
                            rs.getBigDecimal(4), rs.getString(5)));
                }
            }
        }
        return calls;
    }
}
