package dev.sessiondeck.core.source.mariadb;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.mysql.MySqlSessionSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sessions of a MariaDB server (10.x, 11.x). MariaDB's {@code information_schema.PROCESSLIST} adds
 * TIME_MS, STAGE, MAX_STAGE, PROGRESS, MEMORY_USED, EXAMINED_ROWS and QUERY_ID (MariaDB Knowledge
 * Base, "Information Schema PROCESSLIST Table"), and {@code KILL QUERY ID} cancels exactly one
 * statement ("KILL [CONNECTION | QUERY]").
 */
public final class MariaDbSessionSource extends MySqlSessionSource {

    /**
     * The listing {@link #snapshot()} runs: the eight MySQL columns, then MariaDB's own, every row of
     * {@code information_schema.PROCESSLIST}. Public for the benchmarks, which time it raw against
     * {@link #snapshot()}.
     */
    public static final String LIST_SESSIONS = """
            SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE, INFO,
                   TIME_MS, STAGE, MAX_STAGE, PROGRESS, MEMORY_USED, EXAMINED_ROWS, QUERY_ID
            FROM information_schema.PROCESSLIST""";
    static final String KILL_QUERY_ID = "KILL QUERY ID %d";

    public MariaDbSessionSource(String name, ServerInfo info, ConnectionPool pool) {
        super(name, info, pool);
    }

    @Override
    protected String listSql() {
        return LIST_SESSIONS;
    }

    @Override
    protected Session map(ResultSet rs) throws SQLException {
        long queryId = rs.getLong(15);
        Session.Builder b = base(rs, OptionalLong.of(queryId)).queryId(queryId);
        // TIME_MS is DECIMAL(22,3) milliseconds: read it as microseconds to keep the fraction.
        BigDecimal timeMs = rs.getBigDecimal(9);
        if (timeMs != null) {
            b.executionTime(Duration.ofNanos(timeMs.movePointRight(6).longValue()));
        }
        int stage = rs.getInt(10);
        int maxStage = rs.getInt(11);
        double progress = rs.getDouble(12);
        // PROGRESS is 0 for statements that do not report progress (only ALTER TABLE, LOAD DATA and
        // a few others do); a stage count tells the two apart.
        if (maxStage > 0) {
            b.progressPercent(progress);
            b.extras(Map.of("STAGE", Integer.toString(stage), "MAX_STAGE", Integer.toString(maxStage)));
        }
        b.memoryBytes(rs.getLong(13));
        b.rowsExamined(rs.getLong(14));
        return b.build();
    }

    @Override
    protected String killSql(long id, KillMode mode, OptionalLong queryId) {
        if (mode == KillMode.QUERY && queryId.isPresent()) {
            // Why by query id: KILL QUERY <thread> would cancel whatever the thread runs by now,
            // possibly the next statement after the one the user saw.
            return String.format(KILL_QUERY_ID, queryId.getAsLong());
        }
        return super.killSql(id, mode, queryId);
    }
}
