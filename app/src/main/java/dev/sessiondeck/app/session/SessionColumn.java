package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.Session;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The columns of the session table: the OCP session page's columns in its order, then what a
 * database offers beyond (shown from the column chooser). Each maps a {@link Session} to the value its
 * cells show and sort by: a {@link String}, {@link Long} or {@link Double}, or {@code null} when absent.
 */
public enum SessionColumn {
    /** The data source a session belongs to; the view shows it in the merged view (All data sources). */
    DATA_SOURCE("dataSource", 130, false, false, s -> s.key().dataSource()),
    ID("id", 100, true, false, s -> s.id()),
    SQL("sql", 310, true, false, s -> text(s.sql())),
    SQL_ID("sqlId", 120, true, true, s -> text(s.sqlId())),
    USER("user", 120, true, false, s -> text(s.user())),
    SOURCE("source", 165, true, false, s -> text(s.source())),
    DATABASE("database", 165, true, false, s -> text(s.database())),
    COMMAND("command", 100, true, false, s -> text(s.command())),
    EXECUTION_TIME("executionTime", 175, true, false,
            s -> s.executionTime().isPresent() ? s.executionSeconds() : null),
    STATUS("status", 90, true, false, s -> s.state().label().isEmpty() ? null : s.state().label()),
    OB_SERVER("obServer", 130, true, true, s -> text(s.obServer())),
    OB_PROXY("obProxy", 130, true, true, s -> text(s.obProxy())),
    QUERY_ID("queryId", 90, false, false, s -> number(s.queryId())),
    TRACE_ID("traceId", 150, false, true, s -> text(s.traceId())),
    TRANSACTION("transaction", 120, false, false, s -> text(s.transactionState())),
    MEMORY("memory", 100, false, false, s -> number(s.memoryBytes())),
    ROWS_EXAMINED("rowsExamined", 100, false, false, s -> number(s.rowsExamined())),
    PROGRESS("progress", 80, false, false, s -> decimal(s.progressPercent())),
    PROGRAM("program", 120, false, false, s -> text(s.programName())),
    WAIT_EVENT("waitEvent", 130, false, false, s -> text(s.waitEvent()));

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
}
