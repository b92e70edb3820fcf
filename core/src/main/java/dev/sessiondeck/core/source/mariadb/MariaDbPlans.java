package dev.sessiondeck.core.source.mariadb;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.mysql.MySqlPlans;
import dev.sessiondeck.core.source.mysql.PlanTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The plan of the statement a MariaDB session runs. From 10.9 {@code SHOW ANALYZE FOR id} (MariaDB
 * Knowledge Base, "SHOW ANALYZE"): the plan with the counts of the statement so far ({@code r_rows},
 * {@code r_filtered}), which the note says; before, {@code SHOW EXPLAIN FOR id} ("SHOW EXPLAIN",
 * 10.0+). Both answer as the tabular EXPLAIN ({@link PlanTable}), read as it is rather than as
 * {@code FORMAT=JSON}, which only 10.9 has as well.
 *
 * <p>MariaDB refuses a session that runs nothing with a plan, or runs what has none, with error
 * {@value #TARGET_NOT_EXPLAINABLE} ("Target is not running an EXPLAINable command"); the session is
 * read again to tell an idle one from one that runs something else. Another user's session needs
 * {@code PROCESS} (the server then says 1095, "You are not owner of thread").
 */
public final class MariaDbPlans extends MySqlPlans {

    static final String SHOW_EXPLAIN = "SHOW EXPLAIN FOR %d";
    static final String SHOW_ANALYZE = "SHOW ANALYZE FOR %d";
    /** ER_TARGET_NOT_EXPLAINABLE. */
    static final int TARGET_NOT_EXPLAINABLE = 1933;

    private static final String BUNDLE = "dev.sessiondeck.core.source.mariadb.messages";

    private final SessionReader reader;

    public MariaDbPlans(String name, ServerInfo info, ConnectionPool pool, SessionReader reader) {
        super(name, info, pool, reader);
        this.reader = reader;
    }

    /** {@code SHOW ANALYZE} came with 10.9 (MariaDB Knowledge Base, "SHOW ANALYZE"). */
    boolean analyze() {
        return info.version().atLeast(10, 9, 0);
    }

    @Override
    protected ExecutionPlan explain(Connection c, long id, Optional<Session> target) throws SQLException {
        boolean analyze = analyze();
        PlanTable table;
        try (Statement st = pool.statement(c);
             ResultSet rs = st.executeQuery(String.format(analyze ? SHOW_ANALYZE : SHOW_EXPLAIN, id))) {
            table = PlanTable.read(rs);
        }
        if (table.isEmpty()) {
            return target.isPresent() ? ExecutionPlan.idle() : ExecutionPlan.gone();
        }
        return ExecutionPlan.of(table.steps(), table.render(), "text", true,
                analyze ? Optional.of(Text.of(BUNDLE, "plan.countsSoFar")) : Optional.empty());
    }

    @Override
    protected Optional<ExecutionPlan> refused(Connection c, SessionKey key, SQLException e) throws SQLException, SourceException {
        if (e.getErrorCode() == TARGET_NOT_EXPLAINABLE) {
            // idle, just finished, or running something without a plan: its command tells
            Optional<Session> now = reader.read(c, key);
            if (now.isEmpty()) {
                return Optional.of(ExecutionPlan.gone());
            }
            if (!now.get().isActive()) {
                return Optional.of(ExecutionPlan.idle());
            }
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, Text.of(BUNDLE, "plan.notExplainable")));
        }
        return super.refused(c, key, e);
    }
}
