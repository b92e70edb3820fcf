package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.OwnSessions;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import dev.sessiondeck.core.source.Variables;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions of a PostgreSQL server (12 to 18) from {@code pg_stat_activity} (PostgreSQL manual, "The
 * Cumulative Statistics System", view pg_stat_activity), closed with {@code pg_cancel_backend} and
 * {@code pg_terminate_backend} ("Server Signaling Functions").
 *
 * <p>What a {@link Session} holds here:
 * <ul>
 *   <li>{@link SessionKey#id()} is the backend pid; {@link SessionKey#identity()} is
 *       {@code backend_start} as an ISO-8601 instant ({@link Instant#toString()}, microseconds kept,
 *       e.g. {@code 2025-11-21T15:20:01.123456Z}), which a kill binds back exactly. It is empty where
 *       the user may not see it (below).</li>
 *   <li>{@link Session#sql()} is {@code query} in full: the running statement for active sessions,
 *       the last one otherwise.</li>
 *   <li>Without superuser, {@code pg_read_all_stats} or membership in the session's role, the server
 *       shows another role's session with every column but pid, database, user and application
 *       NULL, and {@code query} reading {@value #INSUFFICIENT_PRIVILEGE}. That text is not SQL: such a
 *       session has an empty {@link Session#sql()}, state {@link SessionState#UNKNOWN}, and the text
 *       in {@link StandardAttributes#SQL_UNAVAILABLE}; {@link #isHidden(Session)} tells.</li>
 *   <li>{@link Session#executionTime()} is measured by the server's clock ({@code now()}), since
 *       {@code query_start} for active sessions and since {@code state_change} otherwise, with
 *       microsecond precision; the client's clock never enters.</li>
 *   <li>{@link Session#source()} is {@code client_addr:client_port}, "local socket" for a Unix socket;
 *       {@link Session#command()} is {@code backend_type}; {@link Session#background()} is true for every
 *       backend type but {@code client backend} (autovacuum, walsender, parallel worker ...);
 *       {@link StandardAttributes#BLOCKED_BY} is {@code pg_blocking_pids(pid)} for sessions waiting on
 *       a lock; {@link StandardAttributes#QUERY_ID} is {@code query_id} (14+, only when
 *       {@code compute_query_id} is on); {@link StandardAttributes#LEADER_ID} is {@code leader_pid} of
 *       a parallel worker (13+); {@link StandardAttributes#PROGRAM} is {@code application_name},
 *       {@link StandardAttributes#WAIT_EVENT} is {@code wait_event_type:wait_event},
 *       {@link StandardAttributes#SESSION_START} and {@link StandardAttributes#TRANSACTION_START} are
 *       {@code backend_start} and {@code xact_start}.</li>
 * </ul>
 *
 * <p>A kill runs {@code SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ? AND
 * backend_start = ?} (or {@code pg_terminate_backend}): the check that the pid still names the same
 * backend and the signal are one statement, so a pid the OS gave to a new backend is never hit. No
 * row means the session is gone ({@code SESSION_GONE}). A key without identity (a bare pid, or a
 * session the user may not see in full) is signalled by pid alone; a key with identity whose session
 * the user may no longer see in full (its role lost {@code pg_read_all_stats} since the listing) is
 * refused as {@code PRIVILEGE}, since its start cannot be checked. Signalling needs membership in the
 * session's role or in {@code pg_signal_backend}; only superusers signal superusers' backends and
 * processes of no role; the server raises 42501 otherwise, reported as {@code PRIVILEGE} with words
 * naming the role needed. A false result (the server's auxiliary processes, which are no backends)
 * is {@code UNSUPPORTED}, with the server's warning. Then the target is read again until the effect
 * shows ({@link KillVerification}).
 */
public final class PostgresSessionSource implements SessionSource {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSessionSource.class);
    /**
     * The login role, and whether it may see every backend's details: superusers and members of
     * {@code pg_read_all_stats} (PostgreSQL 10+) may; others see {@code <insufficient privilege>} in
     * other users' rows (PostgreSQL manual, "The Cumulative Statistics System", pg_stat_activity).
     */
    static final String STATS_PRIVILEGE = """
            SELECT current_user::text, rolsuper OR CASE WHEN to_regrole('pg_read_all_stats') IS NULL THEN false
                   ELSE pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') END
            FROM pg_roles WHERE rolname = current_user""";

    /** What {@code pg_stat_activity.query} reads for a session the user may not see. */
    public static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";
    private static final List<Attribute<?>> ATTRIBUTES = List.of(StandardAttributes.PROGRAM,
            StandardAttributes.WAIT_EVENT, StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED,
            StandardAttributes.LOCK_WAIT_TIME, StandardAttributes.SESSION_START,
            StandardAttributes.TRANSACTION_START, StandardAttributes.QUERY_ID, StandardAttributes.LEADER_ID,
            StandardAttributes.SQL_UNAVAILABLE, PostgresAttributes.TRANSACTION_AGE, PostgresAttributes.XMIN_AGE);

    /**
     * Every session with the columns of 12, then leader pid and query id ({@code %s}: the column, or
     * a typed NULL on versions without it). The time is the server's: {@code now()} is when this
     * statement began, just before the view's snapshot, so a statement starting in between comes out
     * a hair below 0 (clamped when mapped; GREATEST would turn the NULL of a process without state
     * into 0). {@code pg_blocking_pids} briefly locks the lock manager (the manual advises against
     * calling it often), so it is asked only for sessions that wait on a lock.
     *
     * <p>Times come as numbers the driver reads without objects: the starts as microseconds since the
     * epoch ({@code int8}: exact, a timestamp's resolution is the microsecond; from 14 on EXTRACT gives
     * an exact numeric, before that a float8 whose error, about 0.2 µs today, the cast rounds away) and
     * the durations as float8 seconds. Read as {@code timestamptz} and {@code numeric}, each value was an
     * {@code OffsetDateTime} (with a new {@code ZoneRules} each) and a {@code BigDecimal}: a third of the
     * refresh worker's samples over 5,000 backends (docs/benchmarks.md, issue 20's refresh.cpu).
     */
    static final String LIST_SESSIONS = """
            SELECT a.pid, a.datname, a.usename, a.application_name, host(a.client_addr), a.client_port,
                   (EXTRACT(EPOCH FROM a.backend_start) * 1000000)::int8,
                   (EXTRACT(EPOCH FROM a.xact_start) * 1000000)::int8,
                   a.state, a.wait_event_type, a.wait_event, a.query, a.backend_type,
                   EXTRACT(EPOCH FROM now()
                       - CASE WHEN a.state = 'active' THEN a.query_start ELSE a.state_change END)::float8,
                   CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END,
                   %s, %s,
                   EXTRACT(EPOCH FROM now() - a.xact_start)::float8, age(a.backend_xmin)
            FROM pg_stat_activity a""";
    /**
     * {@link #LIST_SESSIONS} ({@code %s}: the listing for the version) narrowed for
     * {@link SnapshotScope#BUSY}: a client backend whose state is {@code idle} (no transaction open) and
     * that blocks no waiter ({@code pg_blocking_pids} of the sessions waiting on a lock: an idle backend
     * can still hold a session-level advisory lock) is left out, and column 21 counts those left out
     * (the same in every row; a window function, so the count is over the whole view before the
     * filter). Both readings of {@code pg_stat_activity} see the same snapshot of the backends: the
     * server takes it once per transaction (the manual's "Statistics Functions" and
     * {@code stats_fetch_consistency}). SessionDeck's own listing connection is active, so never left out.
     */
    static final String BUSY_SESSIONS = """
            SELECT * FROM (
              SELECT l.*, count(*) FILTER (WHERE l.left_out) OVER () FROM (
                SELECT listed.*, (listed.state = 'idle' AND listed.backend_type = 'client backend'
                       AND listed.pid <> ALL (SELECT unnest(pg_blocking_pids(w.pid)) FROM pg_stat_activity w
                                              WHERE w.wait_event_type = 'Lock')) IS TRUE AS left_out
                FROM (%s) listed) l) b
            WHERE NOT b.left_out""";
    /** The column of {@link #BUSY_SESSIONS} that counts the sessions left out. */
    static final int BUSY_LEFT_OUT_COLUMN = 21;
    /** Appended to {@link #LIST_SESSIONS} to read one session again. */
    static final String WHERE_PID = " WHERE a.pid = ?";
    static final String LEADER_PID = "a.leader_pid";
    static final String QUERY_ID = "a.query_id";
    static final String NO_LEADER_PID = "NULL::integer";
    static final String NO_QUERY_ID = "NULL::bigint";

    static final String CANCEL_BACKEND = "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = ?";
    static final String TERMINATE_BACKEND = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ?";
    /** The guard against pid reuse, appended to the signal whenever the key carries the backend start. */
    static final String SAME_BACKEND_START = " AND backend_start = ?";
    static final String IS_SUPERUSER = "SELECT rolsuper FROM pg_roles WHERE rolname = ?";

    private static final String CLIENT_BACKEND = "client backend";
    /** pg_stat_activity reports a Unix-socket client with a NULL address and port -1. */
    private static final int UNIX_SOCKET_PORT = -1;
    private static final String LOCAL_SOCKET = "local socket";

    private final String name;
    private final ServerInfo info;
    private final ConnectionPool pool;
    private final PostgresVariables variables;
    private final String listSql;
    private final String busySql;
    private final PostgresLockWaits lockWaits;
    /** Backend pids of our own pool connections, recorded as they are used; they can never be killed. */
    private final OwnSessions own = new OwnSessions();
    /** What {@link #limitation()} says; null until a snapshot could check it. */
    private volatile Optional<Text> limitation;
    /** How many snapshots could not check {@link #limitation}; after {@link #LIMITATION_TRIES} it is taken as none. */
    private int limitationTries;
    private static final int LIMITATION_TRIES = 3;
    private static final int IDENTITY_SLOTS = 8192;
    /** Identities of earlier snapshots' backends by pid modulo the size (see {@link #identity(long, Long)}). */
    private final Identity[] identities = new Identity[IDENTITY_SLOTS];

    public PostgresSessionSource(String name, ServerInfo info, ConnectionPool pool) {
        this.name = Objects.requireNonNull(name, "name");
        this.info = Objects.requireNonNull(info, "info");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.variables = new PostgresVariables(name, pool);
        this.listSql = listSql(info.version());
        this.busySql = BUSY_SESSIONS.formatted(listSql);
        this.lockWaits = new PostgresLockWaits(info.version());
    }

    /**
     * The listing for a server version. Why chosen once per version: {@code leader_pid} came with 13
     * and {@code query_id} with 14 (the releases' notes), and naming a missing column fails the whole
     * statement; older servers get a typed NULL in their place. Public for the benchmarks, which time
     * it raw against {@link #snapshot()}.
     *
     * @param version the server's version, as in {@link ServerInfo#version()}
     * @return the statement {@link #snapshot()} runs on that version, without parameters
     */
    public static String listSql(Version version) {
        return LIST_SESSIONS.formatted(
                version.major() >= 13 ? LEADER_PID : NO_LEADER_PID,
                version.major() >= 14 ? QUERY_ID : NO_QUERY_ID);
    }

    /** What the server is, detected when the source was opened. */
    public ServerInfo serverInfo() {
        return info;
    }

    @Override
    public String describe() {
        return info.describe();
    }

    @Override
    public List<Attribute<?>> attributes() {
        return ATTRIBUTES;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Snapshot snapshot() throws SourceException {
        return snapshot(SnapshotScope.ALL);
    }

    /**
     * {@inheritDoc} Here {@link SnapshotScope#BUSY} leaves out the client backends whose state is
     * {@code idle} and that block nobody ({@link #BUSY_SESSIONS}): on a server with thousands of idle
     * pooled connections the listing then carries the few that do something.
     */
    @Override
    public Snapshot snapshot(SnapshotScope scope) throws SourceException {
        if (limitation == null) {
            // before the listing, so that the connection it closes is not listed as one of ours
            limitation = checkLimitation();
        }
        boolean busy = scope == SnapshotScope.BUSY;
        int[] leftOut = new int[1];
        long start = System.nanoTime();
        List<Session> sessions = pool.withConnection(SourceText.of("what.listSessions", name), c -> {
            noteOwn(c);
            List<Session> listed = pool.query(c, busy ? busySql : listSql, busy ? rs -> {
                leftOut[0] = rs.getInt(BUSY_LEFT_OUT_COLUMN);
                return map(rs);
            } : this::map);
            try {
                return lockWaits.fill(pool, c, listed);
            } catch (SQLException e) {
                if (SqlErrors.network(e, Text.verbatim(name)).isPresent()) {
                    // the connection failed: the refresh fails as the listing would, and the pool drops it
                    throw e;
                }
                // what the waiters wait for is a detail: the listing stands without it
                LOG.debug("Cannot read the lock waits of {}: {}", name, e.getMessage());
                return listed;
            }
        });
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (!busy) {
            // only a complete listing tells which of our connections the pool closed
            own.retainListed(sessions);
        }
        return new Snapshot(name, sessions, Instant.now(), latency, leftOut[0]);
    }

    @Override
    public Optional<Text> limitation() {
        Optional<Text> known = limitation;
        return known == null ? Optional.empty() : known;
    }

    /** Whether the role may see every backend's details; asked once, on a connection closed afterwards ({@link ConnectionPool#askOnce}). */
    private Optional<Text> checkLimitation() {
        try {
            Optional<ConnectionPool.NameAndFlag> answer = pool.askOnce(SourceText.of("what.privileges", name),
                    c -> pool.nameAndFlag(c, STATS_PRIVILEGE));
            if (answer.isEmpty() || answer.get().flag()) {
                return Optional.empty();
            }
            return Optional.of(Text.of("dev.sessiondeck.core.source.postgres.messages", "limited.stats").with(answer.get().name()));
        } catch (SourceException e) {
            // not known yet: asked again at the next snapshot, a few times, before giving up
            LOG.debug("Cannot tell whether {} may see every session (try {}): {}", name, limitationTries + 1,
                    e.getMessage());
            return ++limitationTries < LIMITATION_TRIES ? null : Optional.empty();
        }
    }

    /** True for a session whose details the user may not see ({@value #INSUFFICIENT_PRIVILEGE}). */
    public static boolean isHidden(Session session) {
        return INSUFFICIENT_PRIVILEGE.equals(StandardAttributes.SQL_UNAVAILABLE.valueOf(session));
    }

    /**
     * A backend's start (microseconds since the epoch, and as an instant), its identity text, its pid
     * as text and its client ({@link #source}), as an earlier snapshot saw them: a backend keeps its
     * pid, start and client connection for its whole life.
     */
    private record Identity(long pid, long startMicros, Instant start, String text, String id, String source) {
    }

    private Session map(ResultSet rs) throws SQLException {
        long pid = rs.getLong(1);
        String user = rs.getString(3);
        Identity backend = identity(pid, longOrNull(rs, 7), rs);
        Long xactStart = longOrNull(rs, 8);
        String query = rs.getString(12);
        String database = rs.getString(2);
        String backendType = rs.getString(13);
        boolean hidden = INSUFFICIENT_PRIVILEGE.equals(query);
        Session.Builder b = Session.builder(backend == null
                        ? new SessionKey(name, "", pid, "", OptionalLong.empty())
                        : new SessionKey(name, "", backend.id(), backend.text(), OptionalLong.empty()))
                .database(database)
                .user(user)
                .set(StandardAttributes.PROGRAM, rs.getString(4))
                .source(backend == null ? source(rs) : backend.source())
                .set(StandardAttributes.SESSION_START, backend == null ? null : backend.start())
                .set(StandardAttributes.TRANSACTION_START, xactStart == null ? null : instant(xactStart))
                .state(SessionState.fromPostgres(rs.getString(9)))
                .set(StandardAttributes.WAIT_EVENT, waitEvent(rs.getString(10), rs.getString(11)))
                .sql(hidden ? null : query)
                .command(backendType)
                .executionTime(seconds(rs, 14))
                .set(StandardAttributes.BLOCKED_BY, pids(rs.getArray(15)))
                .set(StandardAttributes.LEADER_ID, textOrNull(rs, 16))
                .set(StandardAttributes.QUERY_ID, longOrNull(rs, 17))
                .set(PostgresAttributes.TRANSACTION_AGE, seconds(rs, 18))
                .set(PostgresAttributes.XMIN_AGE, longOrNull(rs, 19))
                .background(backendType != null ? !CLIENT_BACKEND.equals(backendType) : isServerProcess(user, database))
                .own(own.contains(pid));
        if (hidden) {
            b.set(StandardAttributes.SQL_UNAVAILABLE, INSUFFICIENT_PRIVILEGE);
        }
        return b.build();
    }

    /** Seconds as the server computed them (clamped at 0: a statement starting during the listing comes out a hair below). */
    static Duration seconds(BigDecimal seconds) {
        return seconds == null ? null : Duration.ofNanos(Math.max(0, seconds.movePointRight(9).longValue()));
    }

    /** A float8 column of seconds as a duration to the microsecond (the server's resolution); null for NULL; clamped at 0. */
    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        double seconds = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofNanos(Math.max(0, Math.round(seconds * 1_000_000) * 1_000));
    }

    /** Microseconds since the epoch as an instant. */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /**
     * For a hidden session, whose {@code backend_type} is NULL too: every client backend has a role
     * and a database, while autovacuum and the checkpointer have no role and the logical replication
     * launcher no database. (Hidden parallel workers pass for client backends.)
     */
    static boolean isServerProcess(String user, String database) {
        return user == null || database == null;
    }

    /**
     * The identity of backend {@code pid} started at {@code startMicros} (null where hidden), with its
     * client read from {@code rs}: remembered from an earlier snapshot while its start is the same (a
     * backend keeps its start), else formatted. Formatting an instant cost about a fifth of mapping a
     * row, the pid's text and the client's "host:port" a tenth more (docs/benchmarks.md); the cache is a
     * fixed array indexed by pid (no boxing, no map per snapshot), shared by concurrent listings, whose
     * entries are immutable.
     */
    private Identity identity(long pid, Long startMicros, ResultSet rs) throws SQLException {
        if (startMicros == null) {
            return null;
        }
        int slot = (int) (pid & (IDENTITY_SLOTS - 1));
        Identity known = identities[slot];
        if (known != null && known.pid() == pid && known.startMicros() == startMicros) {
            return known;
        }
        Instant start = instant(startMicros);
        Identity made = new Identity(pid, startMicros, start, identity(start), Long.toString(pid), source(rs));
        identities[slot] = made;
        return made;
    }

    /** {@code backend_start} as the key's identity: an ISO-8601 instant, microseconds kept; empty when hidden. */
    static String identity(Instant backendStart) {
        return backendStart == null ? "" : backendStart.toString();
    }

    /** The client of the row {@code rs} is on: columns 5 and 6 of {@link #LIST_SESSIONS}. */
    private static String source(ResultSet rs) throws SQLException {
        return source(rs.getString(5), (Integer) rs.getObject(6));
    }

    static String source(String address, Integer port) {
        if (address != null) {
            String host = address.contains(":") ? "[" + address + "]" : address;
            return port == null ? host : host + ":" + port;
        }
        return port != null && port == UNIX_SOCKET_PORT ? LOCAL_SOCKET : null;
    }

    static String waitEvent(String type, String event) {
        if (type == null || event == null) {
            return type != null ? type : event;
        }
        return type + ":" + event;
    }

    private static List<String> pids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (Object pid : (Object[]) array.getArray()) {
                out.add(Long.toString(((Number) pid).longValue()));
            }
            return out;
        } finally {
            array.free();
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String textOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Long.toString(v);
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        Text what = KillVerification.describe(name, key, mode);
        long pid = KillVerification.numericId(key, what);
        own.refuse(key, what);
        return pool.withConnection(what, pool.killBound(), c -> {
            noteOwn(c);
            own.refuse(key, what);
            Optional<Session> target = read(c, pid);
            if (target.isEmpty()) {
                throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.pidGone", what));
            }
            Session now = target.get();
            if (key.hasIdentity() && isHidden(now)) {
                // Why not SESSION_GONE: the backend start is hidden now (the role lost pg_read_all_stats
                // since the listing), so the pid may well still name the listed session; without its
                // start the kill cannot make sure, and signalling the pid alone might hit a newer backend.
                throw new SourceException(Kind.PRIVILEGE, SourceText.of("failure.withReason", what,
                        Text.of(PostgresAttributes.BUNDLE, "kill.hidden").with(String.valueOf(pid))));
            }
            if (key.hasIdentity() && !key.identity().equals(now.key().identity())) {
                throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.pidTaken", what,
                        now.key().identity(), key.identity()));
            }
            if (mode == KillMode.QUERY && (now.state() == SessionState.IDLE || now.state().isIdleInTransaction())) {
                throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.notRunning", what));
            }
            signal(c, key, pid, mode, now, what);
            return KillVerification.await(key, mode, target, k -> read(c, pid));
        });
    }

    /** Sends the signal, guarded by the backend start when the key has it. */
    private void signal(Connection c, SessionKey key, long pid, KillMode mode, Session target, Text what)
            throws SQLException, SourceException {
        String sql = (mode == KillMode.QUERY ? CANCEL_BACKEND : TERMINATE_BACKEND)
                + (key.hasIdentity() ? SAME_BACKEND_START : "");
        boolean signalled;
        SQLWarning warning;
        try (PreparedStatement ps = pool.prepare(c, sql)) {
            ps.setLong(1, pid);
            if (key.hasIdentity()) {
                ps.setObject(2, OffsetDateTime.ofInstant(Instant.parse(key.identity()), ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.gone", what));
                }
                signalled = rs.getBoolean(1);
                warning = ps.getWarnings();
            }
        } catch (SQLException e) {
            if (PostgresErrors.INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw new SourceException(Kind.PRIVILEGE, SourceText.of("failure.withReason", what, neededRole(c, target, mode)), e);
            }
            throw e;
        }
        if (!signalled) {
            // From 12 on, a missing privilege is an error (above); false comes with a WARNING and
            // means the process ended in the meantime, or it is none the function can signal:
            // PostgreSQL's auxiliary processes (checkpointer, walwriter ...) are no backends.
            Optional<Session> again = read(c, pid);
            if (again.isEmpty() || !again.get().key().identity().equals(target.key().identity())) {
                throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.gone", what));
            }
            throw new SourceException(Kind.UNSUPPORTED, SourceText.of("failure.withReason", what, warning == null
                    ? Text.of(PostgresAttributes.BUNDLE, "kill.noSignal")
                    : Text.of(PostgresAttributes.BUNDLE, "kill.noSignalBecause").with(SqlErrors.firstLine(warning.getMessage()))));
        }
    }

    /** Which role the user needs to signal {@code target}, in words (PostgreSQL manual, "Server Signaling Functions"). */
    private Text neededRole(Connection c, Session target, KillMode mode) throws SQLException {
        String of = mode == KillMode.QUERY ? ".cancel" : ".terminate";
        Optional<String> user = target.user();
        if (user.isEmpty()) {
            return Text.of(PostgresAttributes.BUNDLE, "role.noRole" + of);
        }
        if (isSuperuser(c, user.get())) {
            return Text.of(PostgresAttributes.BUNDLE, "role.superuser" + of).with(user.get());
        }
        return Text.of(PostgresAttributes.BUNDLE, "role.member" + of).with(user.get());
    }

    private boolean isSuperuser(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = pool.prepare(c, IS_SUPERUSER)) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Reads one session again, on the given connection. */
    private Optional<Session> read(Connection c, long pid) throws SQLException, SourceException {
        return pool.query(c, listSql + WHERE_PID, this::map, pid).stream().findFirst();
    }

    /** Records the backend pid of one of our pool connections; pgjdbc knows it without a round trip. */
    private void noteOwn(Connection c) throws SQLException {
        own.note(c.unwrap(PGConnection.class).getBackendPID());
    }

    /** A plan made now for the same text ({@link PostgresPlans}): PostgreSQL cannot show another backend's. */
    @Override
    public ExecutionPlan plan(SessionKey key) throws SourceException {
        return new PostgresPlans(name, info, pool).plan(key);
    }

    @Override
    public Optional<Text> planUnavailable(Session session) {
        return new PostgresPlans(name, info, pool).unavailable(session);
    }

    /** Close Session, Close Query, and Session Variables (always unavailable: see {@link #unavailable}). */
    @Override
    public List<SessionAction> actions() {
        return List.of(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY, SessionAction.SESSION_VARIABLES);
    }

    @Override
    public Optional<Text> unavailable(SessionAction action, Session session) {
        if (action.equals(SessionAction.SESSION_VARIABLES)) {
            return Optional.of(Text.of("dev.sessiondeck.core.model.messages", "action.sessionVariables.postgres"));
        }
        return SessionSource.super.unavailable(action, session);
    }

    /** pg_settings: ALTER SYSTEM + pg_reload_conf(), or set_config for the session. */
    @Override
    public Optional<SqlDialect> sqlDialect() {
        return Optional.of(SqlDialect.POSTGRESQL);
    }

    @Override
    public Optional<Variables> variables() {
        return Optional.of(variables);
    }

    @Override
    public void close() {
        pool.close();
    }
}
