package dev.sessiondeck.core.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * OceanBase's plans emulated on top of {@link OceanBaseEmulation} (install that first): the plan cache
 * views {@code oceanbase.GV$OB_PLAN_CACHE_PLAN_STAT} and {@code GV$OB_PLAN_CACHE_PLAN_EXPLAIN} as tables
 * with the recorded rows of {@code fixtures/oceanbase/4.2/}, and {@code DBMS_XPLAN.DISPLAY_ACTIVE_SESSION_PLAN}
 * as a function that answers the recorded plan text for the recorded session 3221487617 on
 * {@code 10.0.0.2} RPC port 2882 (only with those arguments, as the real one reads its plan by them) and an
 * empty text for any other session.
 */
public final class OceanBasePlanEmulation {

    /** The recorded session whose running plan DBMS_XPLAN answers, and where it runs. */
    public static final long ACTIVE_PLAN_SESSION = 3221487617L;
    public static final String ACTIVE_PLAN_SERVER_IP = "10.0.0.2";
    public static final int ACTIVE_PLAN_RPC_PORT = 2882;

    private OceanBasePlanEmulation() {
    }

    public static void install(EmbeddedMariaDb db) throws SQLException {
        try (Connection c = db.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE oceanbase.`GV$OB_PLAN_CACHE_PLAN_STAT` (TENANT_ID BIGINT, SVR_IP VARCHAR(46),"
                    + " SVR_PORT BIGINT, PLAN_ID BIGINT, SQL_ID VARCHAR(32), TYPE BIGINT, STATEMENT LONGTEXT,"
                    + " LAST_ACTIVE_TIME TIMESTAMP(6))");
            load(c, "oceanbase.`GV$OB_PLAN_CACHE_PLAN_STAT`", "4.2/gv_ob_plan_cache_plan_stat.csv");
            st.execute("CREATE TABLE oceanbase.`GV$OB_PLAN_CACHE_PLAN_EXPLAIN` (TENANT_ID BIGINT, SVR_IP VARCHAR(46),"
                    + " SVR_PORT BIGINT, PLAN_ID BIGINT, PLAN_DEPTH BIGINT, PLAN_LINE_ID BIGINT, OPERATOR VARCHAR(255),"
                    + " NAME VARCHAR(255), `ROWS` BIGINT, COST BIGINT, PROPERTY VARCHAR(4096))");
            load(c, "oceanbase.`GV$OB_PLAN_CACHE_PLAN_EXPLAIN`", "4.2/gv_ob_plan_cache_plan_explain.csv");
            st.execute("CREATE TABLE oceanbase.recorded_active_plans (session_id BIGINT, svr_ip VARCHAR(46),"
                    + " svr_port BIGINT, plan_text LONGTEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oceanbase.recorded_active_plans VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, ACTIVE_PLAN_SESSION);
                ps.setString(2, ACTIVE_PLAN_SERVER_IP);
                ps.setInt(3, ACTIVE_PLAN_RPC_PORT);
                ps.setString(4, PlanFixtures.text("oceanbase/4.2/display_active_session_plan.txt"));
                ps.executeUpdate();
            }
            st.execute("CREATE DATABASE DBMS_XPLAN");
            st.execute("CREATE FUNCTION DBMS_XPLAN.DISPLAY_ACTIVE_SESSION_PLAN(p_session DECIMAL(20,0), p_format VARCHAR(32),"
                    + " p_ip VARCHAR(64), p_port DECIMAL(20,0)) RETURNS LONGTEXT READS SQL DATA"
                    + " RETURN COALESCE((SELECT plan_text FROM oceanbase.recorded_active_plans"
                    + " WHERE session_id = p_session AND svr_ip = p_ip AND svr_port = p_port AND p_format = 'TYPICAL'), '')");
            st.execute("GRANT EXECUTE ON DBMS_XPLAN.* TO '" + EmbeddedMariaDb.ADMIN + "'@'%'");
        }
    }

    private static void load(Connection c, String table, String fixture) throws SQLException {
        List<Map<String, String>> rows = Fixtures.rows(fixture);
        List<String> columns = List.copyOf(rows.get(0).keySet());
        String insert = "INSERT INTO " + table + " (`" + String.join("`, `", columns) + "`) VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Map<String, String> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setString(i + 1, row.get(columns.get(i)));
                }
                ps.executeUpdate();
            }
        }
    }
}
