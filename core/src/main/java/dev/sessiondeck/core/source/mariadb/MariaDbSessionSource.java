package dev.sessiondeck.core.source.mariadb;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.mysql.InnoDbLockWaits;
import dev.sessiondeck.core.source.mysql.LockWaits;
import dev.sessiondeck.core.source.mysql.MySqlPlans;
import dev.sessiondeck.core.source.mysql.MySqlSessionSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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

    private static final String BUNDLE = "dev.sessiondeck.core.source.mariadb.messages";
    /** {@code STAGE}: the stage a statement that reports progress is in (ALTER TABLE, LOAD DATA ...). */
    public static final Attribute<Long> STAGE_NUMBER = Attribute.count("stageNumber", Text.of(BUNDLE, "attribute.stageNumber"))
            .order(421).category("resources").build();
    /** {@code MAX_STAGE}: how many stages it has. */
    public static final Attribute<Long> MAX_STAGE = Attribute.count("maxStage", Text.of(BUNDLE, "attribute.maxStage"))
            .order(422).category("resources").build();

    private static final List<Attribute<?>> ATTRIBUTES = List.of(StandardAttributes.STAGE, StandardAttributes.QUERY_ID,
            StandardAttributes.MEMORY, StandardAttributes.ROWS_EXAMINED, StandardAttributes.PROGRESS, STAGE_NUMBER, MAX_STAGE,
            StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED, StandardAttributes.LOCK_WAIT_TIME);

    /** With InnoDB's lock waits ({@link InnoDbLockWaits}: {@code INNODB_TRX} and {@code INNODB_LOCKS}, metadata locks where shown). */
    public MariaDbSessionSource(String name, ServerInfo info, ConnectionPool pool) {
        super(name, info, pool);
    }

    /**
     * With another reader of lock waits: {@link LockWaits.Reader#NONE} lists without them, for a
     * benchmark that times what reading them costs.
     */
    public MariaDbSessionSource(String name, ServerInfo info, ConnectionPool pool, LockWaits.Reader lockWaits) {
        super(name, info, pool, lockWaits);
    }

    @Override
    public List<Attribute<?>> attributes() {
        return ATTRIBUTES;
    }

    @Override
    protected String listSql() {
        return LIST_SESSIONS;
    }

    @Override
    protected Session map(ResultSet rs) throws SQLException {
        long queryId = rs.getLong(15);
        Session.Builder b = base(rs, OptionalLong.of(queryId)).set(StandardAttributes.QUERY_ID, queryId);
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
            b.set(StandardAttributes.PROGRESS, progress);
            b.set(STAGE_NUMBER, (long) stage);
            b.set(MAX_STAGE, (long) maxStage);
        }
        b.set(StandardAttributes.MEMORY, rs.getLong(13));
        b.set(StandardAttributes.ROWS_EXAMINED, rs.getLong(14));
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

    /** The plan with {@code SHOW ANALYZE} or {@code SHOW EXPLAIN} ({@link MariaDbPlans}). */
    @Override
    protected MySqlPlans plans() {
        return new MariaDbPlans(name, info, pool, this::read);
    }
}
