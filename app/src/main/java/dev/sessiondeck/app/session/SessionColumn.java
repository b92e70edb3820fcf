package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSource;
import dev.sessiondeck.core.source.postgres.PostgresSessionSource;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of the session table: the OCP session page's columns in its order, then what a
 * database offers beyond (shown from the column chooser). Each maps a {@link Session} to the value its
 * cells show and sort by: a {@link String}, {@link Long} or {@link Double}, or {@code null} when absent.
 */
public enum SessionColumn {
    /** The data source a session belongs to; the view shows it in the merged view (All data sources). */
    DATA_SOURCE("dataSource", 130, false, false, s -> s.key().dataSource()),
    ID("id", 115, true, false, s -> s.id()),
    SQL("sql", 310, true, false, s -> s.sql().orElse(PostgresSessionSource.isHidden(s)
            ? Messages.get("sql.insufficientPrivilege") : null)),
    SQL_ID("sqlId", 120, true, true, s -> text(s.sqlId())),
    USER("user", 120, true, false, s -> text(s.user())),
    SOURCE("source", 165, true, false, s -> text(s.source())),
    DATABASE("database", 165, true, false, s -> text(s.database())),
    COMMAND("command", 115, true, false, s -> text(s.command())),
    EXECUTION_TIME("executionTime", 175, true, false,
            s -> s.executionTime().isPresent() ? s.executionSeconds() : null),
    STATUS("status", 160, true, false, s -> s.state().label().isEmpty() ? null : s.state().label()),
    OB_SERVER("obServer", 130, true, true, s -> text(s.obServer())),
    OB_PROXY("obProxy", 130, true, true, s -> text(s.obProxy())),
    QUERY_ID("queryId", 90, false, false, s -> number(s.queryId())),
    TRACE_ID("traceId", 150, false, true, s -> text(s.traceId())),
    TRANSACTION("transaction", 120, false, false, s -> text(s.transactionState())),
    MEMORY("memory", 100, false, false, s -> number(s.memoryBytes())),
    ROWS_EXAMINED("rowsExamined", 100, false, false, s -> number(s.rowsExamined())),
    PROGRESS("progress", 80, false, false, s -> decimal(s.progressPercent())),
    PROGRAM("program", 120, false, false, s -> text(s.programName())),
    WAIT_EVENT("waitEvent", 130, false, false, s -> text(s.waitEvent())),
    BLOCKED_BY("blockedBy", 110, false, false, s -> s.blockingIds().isEmpty() ? null
            : s.blockingIds().stream().map(String::valueOf).collect(Collectors.joining(", "))),
    SESSION_START("sessionStart", 150, false, false, s -> s.sessionStart().map(SessionColumn::time).orElse(null)),
    TRANSACTION_START("transactionStart", 150, false, false, s -> s.transactionStart().map(SessionColumn::time).orElse(null)),
    LEADER_ID("leaderId", 90, false, false, s -> number(s.leaderId())),
    // OceanBase GV$OB_PROCESSLIST beyond OCP, kept in the extras under the view's column names
    TRANSACTION_ID("transactionId", 100, false, false, s -> whole(s, "TRANS_ID")),
    PROXY_SESSION_ID("proxySessionId", 120, false, false, s -> whole(s, "PROXY_SESSID")),
    CPU_TIME("cpuTime", 110, false, false, s -> fraction(s, "TOTAL_CPU_TIME")),
    RETRY_COUNT("retryCount", 80, false, false, s -> whole(s, "RETRY_CNT")),
    BYTES_IN("bytesIn", 100, false, false, s -> whole(s, "IN_BYTES")),
    BYTES_OUT("bytesOut", 100, false, false, s -> whole(s, "OUT_BYTES")),
    TRACE_SETTINGS("traceSettings", 220, false, false, s -> OceanBaseSessionSource.traceSettingsOf(s)
            .map(SessionColumn::describe).orElse(null));

    /**
     * The columns that decide whether a row passes the filters ({@code SessionFilter}: id, user,
     * source, database, state) or which group it belongs to ({@link SessionGroups}: id, leader, state),
     * as a mask of {@code 1L << ordinal()}. A change elsewhere (times, counters, SQL) can only move a
     * row in the sort order, which the view model checks on its own.
     */
    static final long FILTERED_OR_GROUPED = mask(DATA_SOURCE, ID, USER, SOURCE, DATABASE, STATUS, LEADER_ID);

    private static long mask(SessionColumn... columns) {
        long m = 0;
        for (SessionColumn c : columns) {
            m |= 1L << c.ordinal();
        }
        return m;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ThreadLocal<NumberFormat> PERCENT = ThreadLocal.withInitial(() -> new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)));

    private final String id;
    private final double width;
    private final boolean shownByDefault;
    private final boolean hiddenWhenEmpty;
    private final Function<Session, Object> value;

    SessionColumn(String id, double width, boolean shownByDefault, boolean hiddenWhenEmpty, Function<Session, Object> value) {
        this.id = id;
        this.width = width;
        this.shownByDefault = shownByDefault;
        this.hiddenWhenEmpty = hiddenWhenEmpty;
        this.value = value;
    }

    /** The stable id: the settings file, the node id ({@code column-<id>}) and the bundle key use it. */
    public String id() {
        return id;
    }

    /** Default width in pixels. */
    public double width() {
        return width;
    }

    public boolean shownByDefault() {
        return shownByDefault;
    }

    /**
     * True for columns that only some databases fill (OBServer, OBProxy, SQL ID, trace id): they are
     * hidden for a data source whose first snapshot has no value in them.
     */
    public boolean hiddenWhenEmpty() {
        return hiddenWhenEmpty;
    }

    /** The value the cells show for {@code session}, {@code null} when absent. */
    public Object valueOf(Session session) {
        return value.apply(session);
    }

    private static String text(Optional<String> v) {
        return v.orElse(null);
    }

    private static Long number(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Double decimal(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    /** A whole number among the extras; null when absent or not a number. */
    private static Long whole(Session s, String extra) {
        try {
            String v = s.extras().get(extra);
            return v == null ? null : Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal number among the extras; null when absent or not a number. */
    private static Double fraction(Session s, String extra) {
        try {
            String v = s.extras().get(extra);
            return v == null ? null : Double.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Local date and time to the second: sorts as text in time order. */
    private static String time(Instant t) {
        return TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    /** "level 1, 50 %, SAMPLE_AND_SLOW_QUERY". */
    static String describe(TraceSettings t) {
        return Messages.get("trace.summary", t.level(), percent(t.samplePercentage()), t.recordPolicy().name());
    }

    /** A percentage with at most two decimals: 50, 12.5. */
    static String percent(double p) {
        return PERCENT.get().format(p);
    }
}
