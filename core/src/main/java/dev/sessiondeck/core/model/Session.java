package dev.sessiondeck.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One database session as a snapshot saw it. Immutable.
 *
 * <p>The first components are the columns of the OceanBase OCP session page, in its order; the rest
 * is what a database offers beyond. Absent values are empty ({@link Optional#empty()}, an empty
 * list or map), never magic strings such as "NULL" or "-".
 *
 * <p>Held as a class rather than a record: text values are kept as plain (nullable) strings and
 * wrapped in an {@link Optional} only when asked for. A filter over 100,000 sessions then reaches
 * each value in one step instead of two (session, Optional, string: the dependent loads cost more
 * than the comparison; docs/benchmarks.md), and the sessions take less memory.
 */
public final class Session {

    private final SessionKey key;
    private final String sql;
    private final String sqlId;
    private final String user;
    private final String source;
    private final String database;
    private final String command;
    private final Optional<Duration> executionTime;
    private final SessionState state;
    private final String obServer;
    private final String obProxy;
    private final OptionalLong queryId;
    private final String traceId;
    private final String transactionState;
    private final OptionalLong memoryBytes;
    private final OptionalLong rowsExamined;
    private final OptionalDouble progressPercent;
    private final String programName;
    private final String waitEvent;
    private final String stage;
    private final List<Long> blockingIds;
    private final Optional<Instant> sessionStart;
    private final Optional<Instant> transactionStart;
    private final OptionalLong leaderId;
    private final boolean background;
    private final boolean own;
    private final Map<String, String> extras;

    /**
     * A session from its values; {@link #builder(SessionKey)} is the usual way.
     *
     * @param key              what identifies the session for kills and snapshot diffs
     * @param sql              the full text of the running (or, on PostgreSQL, the last) statement, never cut
     * @param sqlId            the statement's digest id where the database has one (OceanBase {@code SQL_ID})
     * @param user             the database user
     * @param source           the client's address as the database reports it ({@code host:port}, "local socket")
     * @param database         the session's current database (schema)
     * @param command          what the thread does as the server words it (MySQL {@code COMMAND},
     *                         PostgreSQL {@code backend_type})
     * @param executionTime    how long the current statement (or state) has lasted; millisecond
     *                         precision where the server offers it (MariaDB {@code TIME_MS}), else seconds
     * @param state            the normalised state; {@link SessionState#label()} gives OCP's "Status"
     * @param obServer         OceanBase: the OBServer hosting the session, {@code SVR_IP:SQL_PORT}
     * @param obProxy          OceanBase: the OBProxy the client came through
     * @param queryId          MariaDB {@code QUERY_ID}, PostgreSQL {@code query_id} (14+)
     * @param traceId          OceanBase {@code TRACE_ID}
     * @param transactionState OceanBase {@code TRANS_STATE}; PostgreSQL derives it from {@code xact_start}
     * @param memoryBytes      memory the session uses, in bytes (MariaDB {@code MEMORY_USED})
     * @param rowsExamined     rows the statement has examined (MariaDB {@code EXAMINED_ROWS})
     * @param progressPercent  progress of a long statement in percent, 0 to 100 (MariaDB {@code PROGRESS})
     * @param programName      the client program (PostgreSQL {@code application_name})
     * @param waitEvent        what the session waits on (PostgreSQL {@code wait_event_type:wait_event})
     * @param stage            the server's words for what the statement does now (MySQL {@code STATE},
     *                         MariaDB {@code STATE}/{@code STAGE})
     * @param blockingIds      ids of the sessions this one waits for (PostgreSQL {@code pg_blocking_pids})
     * @param sessionStart     when the session connected (PostgreSQL {@code backend_start})
     * @param transactionStart when the open transaction began (PostgreSQL {@code xact_start})
     * @param leaderId         the leader of a parallel worker (PostgreSQL {@code leader_pid})
     * @param background       a server thread rather than a client session (daemon, replication,
     *                         PostgreSQL background worker); hidden by default
     * @param own              SessionDeck's own monitoring connection: shown, never killable
     * @param extras           further named values a database offers, for the details view (never
     *                         credentials); keys are the database's own column names
     */
    public Session(
            SessionKey key,
            Optional<String> sql,
            Optional<String> sqlId,
            Optional<String> user,
            Optional<String> source,
            Optional<String> database,
            Optional<String> command,
            Optional<Duration> executionTime,
            SessionState state,
            Optional<String> obServer,
            Optional<String> obProxy,
            OptionalLong queryId,
            Optional<String> traceId,
            Optional<String> transactionState,
            OptionalLong memoryBytes,
            OptionalLong rowsExamined,
            OptionalDouble progressPercent,
            Optional<String> programName,
            Optional<String> waitEvent,
            Optional<String> stage,
            List<Long> blockingIds,
            Optional<Instant> sessionStart,
            Optional<Instant> transactionStart,
            OptionalLong leaderId,
            boolean background,
            boolean own,
            Map<String, String> extras) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sqlId, "sqlId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(executionTime, "executionTime");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(obServer, "obServer");
        Objects.requireNonNull(obProxy, "obProxy");
        Objects.requireNonNull(queryId, "queryId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(transactionState, "transactionState");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(rowsExamined, "rowsExamined");
        Objects.requireNonNull(progressPercent, "progressPercent");
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(waitEvent, "waitEvent");
        Objects.requireNonNull(stage, "stage");
        blockingIds = List.copyOf(blockingIds);
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(transactionStart, "transactionStart");
        Objects.requireNonNull(leaderId, "leaderId");
        extras = Map.copyOf(extras);
        this.key = key;
        this.sql = sql.orElse(null);
        this.sqlId = sqlId.orElse(null);
        this.user = user.orElse(null);
        this.source = source.orElse(null);
        this.database = database.orElse(null);
        this.command = command.orElse(null);
        this.executionTime = executionTime;
        this.state = state;
        this.obServer = obServer.orElse(null);
        this.obProxy = obProxy.orElse(null);
        this.queryId = queryId;
        this.traceId = traceId.orElse(null);
        this.transactionState = transactionState.orElse(null);
        this.memoryBytes = memoryBytes;
        this.rowsExamined = rowsExamined;
        this.progressPercent = progressPercent;
        this.programName = programName.orElse(null);
        this.waitEvent = waitEvent.orElse(null);
        this.stage = stage.orElse(null);
        this.blockingIds = blockingIds;
        this.sessionStart = sessionStart;
        this.transactionStart = transactionStart;
        this.leaderId = leaderId;
        this.background = background;
        this.own = own;
        this.extras = extras;
    }

    public SessionKey key() {
        return key;
    }

    public Optional<String> sql() {
        return Optional.ofNullable(sql);
    }

    public Optional<String> sqlId() {
        return Optional.ofNullable(sqlId);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    public Optional<Duration> executionTime() {
        return executionTime;
    }

    public SessionState state() {
        return state;
    }

    public Optional<String> obServer() {
        return Optional.ofNullable(obServer);
    }

    public Optional<String> obProxy() {
        return Optional.ofNullable(obProxy);
    }

    public OptionalLong queryId() {
        return queryId;
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    public Optional<String> transactionState() {
        return Optional.ofNullable(transactionState);
    }

    public OptionalLong memoryBytes() {
        return memoryBytes;
    }

    public OptionalLong rowsExamined() {
        return rowsExamined;
    }

    public OptionalDouble progressPercent() {
        return progressPercent;
    }

    public Optional<String> programName() {
        return Optional.ofNullable(programName);
    }

    public Optional<String> waitEvent() {
        return Optional.ofNullable(waitEvent);
    }

    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    public List<Long> blockingIds() {
        return blockingIds;
    }

    public Optional<Instant> sessionStart() {
        return sessionStart;
    }

    public Optional<Instant> transactionStart() {
        return transactionStart;
    }

    public OptionalLong leaderId() {
        return leaderId;
    }

    public boolean background() {
        return background;
    }

    public boolean own() {
        return own;
    }

    public Map<String, String> extras() {
        return extras;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Session o && Objects.equals(key, o.key) && Objects.equals(sql, o.sql) && Objects.equals(sqlId, o.sqlId) && Objects.equals(user, o.user) && Objects.equals(source, o.source) && Objects.equals(database, o.database) && Objects.equals(command, o.command) && Objects.equals(executionTime, o.executionTime) && state == o.state && Objects.equals(obServer, o.obServer) && Objects.equals(obProxy, o.obProxy) && Objects.equals(queryId, o.queryId) && Objects.equals(traceId, o.traceId) && Objects.equals(transactionState, o.transactionState) && Objects.equals(memoryBytes, o.memoryBytes) && Objects.equals(rowsExamined, o.rowsExamined) && Objects.equals(progressPercent, o.progressPercent) && Objects.equals(programName, o.programName) && Objects.equals(waitEvent, o.waitEvent) && Objects.equals(stage, o.stage) && Objects.equals(blockingIds, o.blockingIds) && Objects.equals(sessionStart, o.sessionStart) && Objects.equals(transactionStart, o.transactionStart) && Objects.equals(leaderId, o.leaderId) && background == o.background && own == o.own && Objects.equals(extras, o.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, sql, sqlId, user, source, database, command, executionTime, state, obServer, obProxy, queryId, traceId, transactionState, memoryBytes, rowsExamined, progressPercent, programName, waitEvent, stage, blockingIds, sessionStart, transactionStart, leaderId, background, own, extras);
    }

    @Override
    public String toString() {
        return "Session[key=" + key() + ", sql=" + sql() + ", sqlId=" + sqlId() + ", user=" + user() + ", source=" + source() + ", database=" + database() + ", command=" + command() + ", executionTime=" + executionTime() + ", state=" + state() + ", obServer=" + obServer() + ", obProxy=" + obProxy() + ", queryId=" + queryId() + ", traceId=" + traceId() + ", transactionState=" + transactionState() + ", memoryBytes=" + memoryBytes() + ", rowsExamined=" + rowsExamined() + ", progressPercent=" + progressPercent() + ", programName=" + programName() + ", waitEvent=" + waitEvent() + ", stage=" + stage() + ", blockingIds=" + blockingIds() + ", sessionStart=" + sessionStart() + ", transactionStart=" + transactionStart() + ", leaderId=" + leaderId() + ", background=" + background() + ", own=" + own() + ", extras=" + extras() + "]";
    }

    /** The session id (thread id or backend pid): {@code key().id()}. */
    public long id() {
        return key.id();
    }

    /** True when the session runs a statement now. */
    public boolean isActive() {
        return state.isActive();
    }

    /**
     * True when {@code other} equals this session in everything but {@link #executionTime()}: what
     * a listing a moment later shows of a statement (or an idle spell) that goes on. A table can then
     * update the one value instead of comparing every column; every second on every row adds up
     * (docs/benchmarks.md, applying a snapshot).
     */
    public boolean sameApartFromExecutionTime(Session other) {
        return other != null && Objects.equals(key, other.key) && Objects.equals(sql, other.sql)
                && Objects.equals(sqlId, other.sqlId) && Objects.equals(user, other.user)
                && Objects.equals(source, other.source) && Objects.equals(database, other.database)
                && Objects.equals(command, other.command) && state == other.state
                && Objects.equals(obServer, other.obServer) && Objects.equals(obProxy, other.obProxy)
                && Objects.equals(queryId, other.queryId) && Objects.equals(traceId, other.traceId)
                && Objects.equals(transactionState, other.transactionState)
                && Objects.equals(memoryBytes, other.memoryBytes)
                && Objects.equals(rowsExamined, other.rowsExamined)
                && Objects.equals(progressPercent, other.progressPercent)
                && Objects.equals(programName, other.programName) && Objects.equals(waitEvent, other.waitEvent)
                && Objects.equals(stage, other.stage) && Objects.equals(blockingIds, other.blockingIds)
                && Objects.equals(sessionStart, other.sessionStart)
                && Objects.equals(transactionStart, other.transactionStart)
                && Objects.equals(leaderId, other.leaderId) && background == other.background && own == other.own
                && Objects.equals(extras, other.extras);
    }

    /** Execution time in seconds with millisecond precision, 0 when unknown. */
    public double executionSeconds() {
        return executionTime.map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /** A builder for a session with the given key and every other value absent. */
    public static Builder builder(SessionKey key) {
        return new Builder(key);
    }

    /** A builder seeded with this session's values. */
    public Builder toBuilder() {
        Builder b = new Builder(key);
        b.sql = sql();
        b.sqlId = sqlId();
        b.user = user();
        b.source = source();
        b.database = database();
        b.command = command();
        b.executionTime = executionTime;
        b.state = state;
        b.obServer = obServer();
        b.obProxy = obProxy();
        b.queryId = queryId;
        b.traceId = traceId();
        b.transactionState = transactionState();
        b.memoryBytes = memoryBytes;
        b.rowsExamined = rowsExamined;
        b.progressPercent = progressPercent;
        b.programName = programName();
        b.waitEvent = waitEvent();
        b.stage = stage();
        b.blockingIds = blockingIds;
        b.sessionStart = sessionStart;
        b.transactionStart = transactionStart;
        b.leaderId = leaderId;
        b.background = background;
        b.own = own;
        b.extras = extras;
        return b;
    }

    /**
     * Builds a {@link Session}. Setters take nullable values (as JDBC returns them) and treat
     * {@code null} and, for text, the empty string as absent.
     */
    public static final class Builder {
        private SessionKey key;
        private Optional<String> sql = Optional.empty();
        private Optional<String> sqlId = Optional.empty();
        private Optional<String> user = Optional.empty();
        private Optional<String> source = Optional.empty();
        private Optional<String> database = Optional.empty();
        private Optional<String> command = Optional.empty();
        private Optional<Duration> executionTime = Optional.empty();
        private SessionState state = SessionState.UNKNOWN;
        private Optional<String> obServer = Optional.empty();
        private Optional<String> obProxy = Optional.empty();
        private OptionalLong queryId = OptionalLong.empty();
        private Optional<String> traceId = Optional.empty();
        private Optional<String> transactionState = Optional.empty();
        private OptionalLong memoryBytes = OptionalLong.empty();
        private OptionalLong rowsExamined = OptionalLong.empty();
        private OptionalDouble progressPercent = OptionalDouble.empty();
        private Optional<String> programName = Optional.empty();
        private Optional<String> waitEvent = Optional.empty();
        private Optional<String> stage = Optional.empty();
        private List<Long> blockingIds = List.of();
        private Optional<Instant> sessionStart = Optional.empty();
        private Optional<Instant> transactionStart = Optional.empty();
        private OptionalLong leaderId = OptionalLong.empty();
        private boolean background;
        private boolean own;
        private Map<String, String> extras = Map.of();

        private Builder(SessionKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        private static Optional<String> text(String s) {
            return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        private static OptionalLong number(Long n) {
            return n == null ? OptionalLong.empty() : OptionalLong.of(n);
        }

        public Builder key(SessionKey key) { this.key = Objects.requireNonNull(key, "key"); return this; }
        public Builder sql(String v) { sql = text(v); return this; }
        public Builder sqlId(String v) { sqlId = text(v); return this; }
        public Builder user(String v) { user = text(v); return this; }
        public Builder source(String v) { source = text(v); return this; }
        public Builder database(String v) { database = text(v); return this; }
        public Builder command(String v) { command = text(v); return this; }
        public Builder executionTime(Duration v) { executionTime = Optional.ofNullable(v); return this; }
        public Builder state(SessionState v) { state = Objects.requireNonNull(v, "state"); return this; }
        public Builder obServer(String v) { obServer = text(v); return this; }
        public Builder obProxy(String v) { obProxy = text(v); return this; }
        public Builder queryId(Long v) { queryId = number(v); return this; }
        public Builder traceId(String v) { traceId = text(v); return this; }
        public Builder transactionState(String v) { transactionState = text(v); return this; }
        public Builder memoryBytes(Long v) { memoryBytes = number(v); return this; }
        public Builder rowsExamined(Long v) { rowsExamined = number(v); return this; }
        public Builder progressPercent(Double v) {
            progressPercent = v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
            return this;
        }
        public Builder programName(String v) { programName = text(v); return this; }
        public Builder waitEvent(String v) { waitEvent = text(v); return this; }
        public Builder stage(String v) { stage = text(v); return this; }
        public Builder blockingIds(List<Long> v) { blockingIds = v == null ? List.of() : v; return this; }
        public Builder sessionStart(Instant v) { sessionStart = Optional.ofNullable(v); return this; }
        public Builder transactionStart(Instant v) { transactionStart = Optional.ofNullable(v); return this; }
        public Builder leaderId(Long v) { leaderId = number(v); return this; }
        public Builder background(boolean v) { background = v; return this; }
        public Builder own(boolean v) { own = v; return this; }
        public Builder extras(Map<String, String> v) { extras = v == null ? Map.of() : v; return this; }

        public Session build() {
            return new Session(key, sql, sqlId, user, source, database, command, executionTime, state,
                    obServer, obProxy, queryId, traceId, transactionState, memoryBytes, rowsExamined,
                    progressPercent, programName, waitEvent, stage, blockingIds, sessionStart,
                    transactionStart, leaderId, background, own, extras);
        }
    }
}
