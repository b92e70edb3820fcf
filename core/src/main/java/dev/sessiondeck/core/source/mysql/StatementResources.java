package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SqlErrors;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * What each MySQL 8 session's running statement costs and how much memory the session holds, from
 * {@code performance_schema}, read once per refresh after the listing and on its connection: the
 * figures {@code sys.x$session} shows (MySQL Reference Manual, "The session and x$session Views"),
 * read from the tables it reads them from rather than through the view, which also joins every
 * thread's transactions, stages and connection attributes.
 *
 * <ul>
 *   <li>{@code events_statements_current}, the top-level statement ({@code NESTING_EVENT_LEVEL = 0})
 *       while it runs ({@code END_EVENT_ID IS NULL}): {@code TIMER_WAIT} (picoseconds; for a running
 *       statement the time so far), {@code LOCK_TIME} (picoseconds), {@code ROWS_EXAMINED},
 *       {@code ROWS_SENT}, and from 8.0.28 {@code CPU_TIME} (picoseconds) (manual, "The
 *       events_statements_current Table");</li>
 *   <li>{@code memory_summary_by_thread_by_event_name}, summed per thread:
 *       {@code CURRENT_NUMBER_OF_BYTES_USED}, the session's current memory in bytes, as
 *       {@code sys.x$memory_by_thread_by_current_bytes} sums it (manual, "Memory Summary Tables").</li>
 * </ul>
 * Joined to the listing by {@code threads.PROCESSLIST_ID}. An idle session has no statement figures,
 * only its memory. Reading needs {@code SELECT} on {@code performance_schema}; when it is refused
 * (error 1142, SQLState 42000) or {@code performance_schema} is off (the tables are then empty, or
 * missing: error 1146, SQLState 42S02) the columns stay empty, the refresh goes on, and the reason is
 * logged once; the statement is then not tried again for this source. A failed connection or a
 * timeout fails the refresh instead, like the listing's own, and does not stop later readings.
 */
public final class StatementResources {

    private static final Logger LOG = LoggerFactory.getLogger(StatementResources.class);
    private static final String BUNDLE = "dev.sessiondeck.core.source.mysql.messages";

    private static Text title(String id) {
        return Text.of(BUNDLE, "attribute." + id);
    }

    /** {@code TIMER_WAIT} of the running statement: how long it has run so far, to the nanosecond. */
    public static final Attribute<Duration> STATEMENT_LATENCY = Attribute.duration("statementLatency",
            title("statementLatency")).order(395).category("resources").build();
    /** {@code LOCK_TIME} of the running statement: time spent waiting for table locks. */
    public static final Attribute<Duration> LOCK_TIME = Attribute.duration("lockTime", title("lockTime"))
            .order(412).category("resources").build();
    /** {@code ROWS_SENT} of the running statement. */
    public static final Attribute<Long> ROWS_SENT = Attribute.count("rowsSent", title("rowsSent"))
            .order(414).category("resources").build();
    /** {@code CPU_TIME} of the running statement (MySQL 8.0.28 and later). */
    public static final Attribute<Duration> CPU_TIME = Attribute.duration("statementCpuTime", title("statementCpuTime"))
            .order(416).category("resources").build();

    /** Everything this reader fills, for a source's {@link dev.sessiondeck.core.source.SessionSource#attributes()}. */
    public static final List<Attribute<?>> ATTRIBUTES = List.of(STATEMENT_LATENCY, StandardAttributes.MEMORY,
            StandardAttributes.ROWS_EXAMINED, LOCK_TIME, ROWS_SENT, CPU_TIME);

    /** The statement, with {@code %s} for the CPU column ({@code s.CPU_TIME} or {@code NULL}). */
    static final String TEMPLATE = """
            SELECT t.PROCESSLIST_ID, s.TIMER_WAIT, s.LOCK_TIME, s.ROWS_EXAMINED, s.ROWS_SENT, %s, m.BYTES
            FROM performance_schema.threads t
            LEFT JOIN performance_schema.events_statements_current s
              ON s.THREAD_ID = t.THREAD_ID AND s.NESTING_EVENT_LEVEL = 0 AND s.END_EVENT_ID IS NULL
            LEFT JOIN (SELECT THREAD_ID, SUM(CURRENT_NUMBER_OF_BYTES_USED) AS BYTES
                       FROM performance_schema.memory_summary_by_thread_by_event_name GROUP BY THREAD_ID) m
              ON m.THREAD_ID = t.THREAD_ID
            WHERE t.PROCESSLIST_ID IS NOT NULL""";

    /**
     * One session's figures; a null field is one the server did not give.
     *
     * @param latency  the running statement's time so far
     * @param lockTime its time waiting for table locks
     * @param cpu      its CPU time (8.0.28+)
     * @param memory   the session's current memory in bytes
     */
    public record Figures(Duration latency, Duration lockTime, Long rowsExamined, Long rowsSent, Duration cpu, Long memory) {
    }

    private final ConnectionPool pool;
    private final String sql;
    private volatile boolean readable = true;

    StatementResources(ConnectionPool pool, String sql) {
        this.pool = pool;
        this.sql = sql;
    }

    /** The reader for {@code info}'s server: MySQL 8.0 and later only; null for every other server. */
    public static StatementResources forServer(ServerInfo info, ConnectionPool pool) {
        Objects.requireNonNull(info, "info");
        if (info.product() != Product.MYSQL || !info.version().atLeast(8, 0, 0)) {
            return null;
        }
        return new StatementResources(Objects.requireNonNull(pool, "pool"), sqlFor(info));
    }

    /** The statement for {@code info}'s version: {@code CPU_TIME} only from 8.0.28. */
    static String sqlFor(ServerInfo info) {
        return TEMPLATE.formatted(info.version().atLeast(8, 0, 28) ? "s.CPU_TIME" : "NULL");
    }

    /**
     * The listing with each session's figures set; the listing as it was when nothing could be read.
     * Never throws for a refused or missing table: that is logged once and the reader stops trying.
     *
     * @throws SQLException only for a failure of the connection itself or a timeout
     *                      ({@link SqlErrors#network}), which the listing would have met too
     */
    public List<Session> apply(Connection c, List<Session> listed) throws SQLException {
        if (!readable || listed.isEmpty()) {
            return listed;
        }
        Map<String, Figures> figures;
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(sql)) {
            figures = read(rs);
        } catch (SQLException e) {
            if (SqlErrors.network(e, Text.verbatim(pool.description())).isPresent()) {
                // a failed connection or a timeout: the refresh fails as the listing would; asked again next time
                throw e;
            }
            readable = false;
            LOG.info("Statement latency, memory and rows are not read on {}: {}", pool.description(), e.getMessage());
            return listed;
        }
        return apply(listed, figures);
    }

    /** Reads the statement's rows: processlist id, then the six figures in {@link #TEMPLATE}'s order. */
    static Map<String, Figures> read(ResultSet rs) throws SQLException {
        Map<String, Figures> out = new HashMap<>();
        while (rs.next()) {
            out.put(rs.getString(1), new Figures(picos(rs, 2), picos(rs, 3), count(rs, 4), count(rs, 5), picos(rs, 6),
                    count(rs, 7)));
        }
        return out;
    }

    /** {@code listed} with the figures of each session that has some set on it. */
    static List<Session> apply(List<Session> listed, Map<String, Figures> figures) {
        if (figures.isEmpty()) {
            return listed;
        }
        List<Session> out = new ArrayList<>(listed.size());
        for (Session s : listed) {
            Figures f = figures.get(s.id());
            if (f == null) {
                out.add(s);
                continue;
            }
            Session.Builder b = s.toBuilder();
            set(b, STATEMENT_LATENCY, f.latency());
            set(b, LOCK_TIME, f.lockTime());
            set(b, StandardAttributes.ROWS_EXAMINED, f.rowsExamined());
            set(b, ROWS_SENT, f.rowsSent());
            set(b, CPU_TIME, f.cpu());
            set(b, StandardAttributes.MEMORY, f.memory());
            out.add(b.build());
        }
        return out;
    }

    private static <T> void set(Session.Builder b, Attribute<T> attribute, T value) {
        if (value != null) {
            b.set(attribute, value);
        }
    }

    private static Duration picos(ResultSet rs, int column) throws SQLException {
        String v = rs.getString(column);
        if (v == null) {
            return null;
        }
        return Duration.ofNanos(new BigDecimal(v).movePointLeft(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static Long count(ResultSet rs, int column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : new BigDecimal(v).longValue();
    }
}
