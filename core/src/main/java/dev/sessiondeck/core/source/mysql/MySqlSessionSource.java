package dev.sessiondeck.core.source.mysql;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.OwnSessions;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.Variables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions of a MySQL server (5.7, 8.x, 9.x), from {@code information_schema.PROCESSLIST}, killed
 * with {@code KILL QUERY} and {@code KILL CONNECTION}. See the MySQL Reference Manual, "The
 * INFORMATION_SCHEMA PROCESSLIST Table" and "KILL Statement".
 *
 * <p>MariaDB reuses this class through {@link dev.sessiondeck.core.source.mariadb.MariaDbSessionSource},
 * which adds its own columns and {@code KILL QUERY ID}.
 */
public class MySqlSessionSource implements SessionSource {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSessionSource.class);
    private static final String MESSAGES = "dev.sessiondeck.core.source.mysql.messages";

    /** Every column, INFO in full: information_schema never cuts it (SHOW PROCESSLIST without FULL would, at 100). */
    static final String LIST_SESSIONS = """
            SELECT ID, USER, HOST, DB, COMMAND, TIME, STATE, INFO
            FROM information_schema.PROCESSLIST""";
    /**
     * The login name, and whether the user holds {@code PROCESS}: without it the processlist has only
     * the user's own threads (MySQL manual, "Privileges Provided by MySQL", PROCESS). A user who is not
     * privileged sees only its own rows of {@code USER_PRIVILEGES}.
     */
    static final String PROCESS_PRIVILEGE = """
            SELECT SUBSTRING_INDEX(USER(), '@', 1),
                   EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'PROCESS')""";
    /**
     * The login name, and whether the user sees other users' sessions now: it holds {@code PROCESS},
     * or (a MySQL 8 role's privileges are not in {@code USER_PRIVILEGES}) the processlist shows
     * another user's client thread.
     */
    static final String SEES_OTHERS = """
            SELECT SUBSTRING_INDEX(USER(), '@', 1),
                   EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'PROCESS')
                   OR EXISTS (SELECT 1 FROM information_schema.PROCESSLIST
                              WHERE USER <> SUBSTRING_INDEX(USER(), '@', 1)
                                AND USER NOT IN ('system user', 'event_scheduler') AND COMMAND <> 'Daemon')""";
    static final String KILL_QUERY = "KILL QUERY %d";
    static final String KILL_CONNECTION = "KILL CONNECTION %d";

    /** Commands of server threads rather than client sessions (MySQL manual, "Thread Command Values"). */
    private static final Set<String> BACKGROUND_COMMANDS = Set.of(
            "Daemon", "Binlog Dump", "Binlog Dump GTID", "Register Slave", "Slave_IO", "Slave_SQL", "Slave_worker");
    /** Users the server gives its own threads: replication appliers, the event scheduler. */
    private static final Set<String> BACKGROUND_USERS = Set.of("system user", "event_scheduler");

    protected final String name;
    protected final ServerInfo info;
    protected final ConnectionPool pool;
    private final MySqlVariables variables;
    /** Thread ids of our own pool connections, recorded as they are used; they can never be killed. */
    private final OwnSessions own = new OwnSessions();
    /** What {@link #limitation()} says; null until a snapshot could check it. */
    private volatile Optional<Text> limitation;
    /** How many snapshots could not check {@link #limitation}; after {@link #LIMITATION_TRIES} it is taken as none. */
    private int limitationTries;
    private static final int LIMITATION_TRIES = 3;
    /** Reads who waits for whom once per snapshot, after the listing. */
    private final LockWaits.Reader lockWaits;
    /** Whether a snapshot has read the lock waits yet. */
    private volatile boolean lockWaitsTried;
    /** What {@link #blockingUnknown()} says after the last snapshot. */
    private volatile Optional<Text> blockingUnknown = Optional.empty();
    /** The managed servers' kill procedures, tried after a plain KILL was refused. */
    private final ManagedKill managedKill;
    /** MySQL 8's statement latency, memory and rows ({@link StatementResources}); null on other servers. */
    private final StatementResources resources;

    /** With InnoDB's lock waits ({@link InnoDbLockWaits}). */
    public MySqlSessionSource(String name, ServerInfo info, ConnectionPool pool) {
        this(name, info, pool, new InnoDbLockWaits(info, pool));
    }

    /**
     * @param lockWaits reads who waits for whom after each listing; {@link LockWaits.Reader#NONE} reads nothing
     */
    protected MySqlSessionSource(String name, ServerInfo info, ConnectionPool pool, LockWaits.Reader lockWaits) {
        this.name = Objects.requireNonNull(name, "name");
        this.info = Objects.requireNonNull(info, "info");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.variables = new MySqlVariables(name, info, pool);
        this.lockWaits = Objects.requireNonNull(lockWaits, "lockWaits");
        this.managedKill = ManagedKill.forServer(info);
        this.resources = StatementResources.forServer(info, pool);
    }

    /** What the server is, detected when the source was opened. */
    public ServerInfo serverInfo() {
        return info;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return info.describe();
    }

    /**
     * MySQL's {@code STATE} and the lock waits, and on MySQL 8 the running statement's figures and the
     * session's memory ({@link StatementResources#ATTRIBUTES}); subclasses declare theirs.
     */
    @Override
    public List<Attribute<?>> attributes() {
        List<Attribute<?>> out = new ArrayList<>(List.of(StandardAttributes.STAGE, StandardAttributes.BLOCKED_BY,
                StandardAttributes.LOCK_WAITED, StandardAttributes.LOCK_WAIT_TIME));
        if (resources != null) {
            out.addAll(StatementResources.ATTRIBUTES);
        }
        return List.copyOf(out);
    }

    /** Close Session and Close Query, as the server's capabilities allow. */
    @Override
    public List<SessionAction> actions() {
        List<SessionAction> out = new ArrayList<>();
        if (info.can(Capability.KILL_SESSION)) {
            out.add(SessionAction.CLOSE_SESSION);
        }
        if (info.can(Capability.KILL_QUERY)) {
            out.add(SessionAction.CLOSE_QUERY);
        }
        out.add(SessionAction.SESSION_VARIABLES);
        return out;
    }

    /**
     * Another session's variables need performance_schema.variables_by_thread: MySQL 5.7+ with
     * performance_schema on; MariaDB (11.4 checked) and OceanBase have no such table.
     */
    @Override
    public Optional<Text> unavailable(SessionAction action, Session session) {
        if (action.equals(SessionAction.SESSION_VARIABLES)) {
            String bundle = "dev.sessiondeck.core.model.messages";
            if (info.product() == dev.sessiondeck.core.model.Product.OCEANBASE_MYSQL) {
                return Optional.of(Text.of(bundle, "action.sessionVariables.oceanBase"));
            }
            if (info.product() == dev.sessiondeck.core.model.Product.MARIADB) {
                return Optional.of(Text.of(bundle, "action.sessionVariables.mariaDb"));
            }
            if (info.product() == dev.sessiondeck.core.model.Product.MYSQL && !info.version().atLeast(5, 7, 0)) {
                return Optional.of(Text.of(bundle, "action.sessionVariables.oldMySql"));
            }
            if (variables.performanceSchemaOff()) {
                return Optional.of(Text.of(bundle, "action.sessionVariables.performanceSchemaOff"));
            }
            return Optional.empty();
        }
        return SessionSource.super.unavailable(action, session);
    }

    /** System variables: SHOW VARIABLES, SET GLOBAL|SESSION, performance_schema.variables_by_thread. */
    /** MariaDB's own dialect for MariaDB; MySQL's for MySQL and OceanBase in MySQL mode. */
    @Override
    public Optional<SqlDialect> sqlDialect() {
        return Optional.of(info.product() == Product.MARIADB ? SqlDialect.MARIADB : SqlDialect.MYSQL);
    }

    @Override
    public Optional<Variables> variables() {
        return Optional.of(variables);
    }

    /** The listing query; subclasses add their columns after the eight base ones. */
    protected String listSql() {
        return LIST_SESSIONS;
    }

    @Override
    public Snapshot snapshot() throws SourceException {
        long start = System.nanoTime();
        List<Session> sessions = pool.withConnection(SourceText.of("what.listSessions", name), c -> {
            noteOwn(c);
            List<Session> listed = pool.query(c, listSql(), this::map);
            if (limitation == null) {
                limitation = checkLimitation(c, listed);
            }
            List<Session> withWaits = withLockWaits(c, listed);
            return resources == null ? withWaits : resources.apply(c, withWaits);
        });
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        own.retainListed(sessions);
        return new Snapshot(name, arrange(sessions), Instant.now(), latency);
    }

    /**
     * The listing with who waits for whom put on the waiters: one more statement on the listing's
     * connection ({@link LockWaits.Reader}); a missing privilege or view leaves the listing as it is
     * and says why in {@link #blockingUnknown()}. Read at the first refresh (to learn whether it can
     * be), then only when a client session other than ours runs a statement: a session waiting for a
     * lock is always in one (its COMMAND is not {@code Sleep}).
     */
    private List<Session> withLockWaits(Connection c, List<Session> listed) throws SQLException {
        if (lockWaitsTried && !mayWait(listed)) {
            return listed;
        }
        lockWaitsTried = true;
        LockWaits.Result result = lockWaits.read(c);
        blockingUnknown = result.unknown();
        return LockWaits.apply(listed, result.waits());
    }

    /** Whether a session of {@code listed} could be waiting for a lock: a client session, not ours, running a statement. */
    static boolean mayWait(List<Session> listed) {
        for (Session s : listed) {
            if (s.state() == SessionState.ACTIVE && !s.own() && !s.background()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<Text> blockingUnknown() {
        return blockingUnknown;
    }

    @Override
    public Optional<Text> limitation() {
        Optional<Text> known = limitation;
        return known == null ? Optional.empty() : known;
    }

    /**
     * Whether the user lacks {@code PROCESS}. A MySQL 8 role's privileges are not in
     * {@code USER_PRIVILEGES}, so a listing with other users' client sessions in it counts as proof
     * of the privilege too. A server that cannot answer (no such view) leaves the view unknown.
     */
    private Optional<Text> checkLimitation(Connection c, List<Session> listed) {
        try {
            Optional<ConnectionPool.NameAndFlag> answer = pool.nameAndFlag(c, PROCESS_PRIVILEGE);
            if (answer.isEmpty() || answer.get().flag()) {
                return Optional.empty();
            }
            String user = answer.get().name();
            boolean othersListed = listed.stream()
                    .anyMatch(s -> !s.background() && s.user().filter(u -> !u.equals(user)).isPresent());
            return othersListed ? Optional.empty()
                    : Optional.of(Text.of(MESSAGES, "limited.process").with(user));
        } catch (SQLException e) {
            // not known yet: asked again at the next snapshot, a few times, before giving up
            LOG.debug("Cannot tell whether {} may see every session (try {}): {}", name, limitationTries + 1,
                    e.getMessage());
            return ++limitationTries < LIMITATION_TRIES ? null : Optional.empty();
        }
    }

    /** The order of the snapshot: as the server listed them here; OceanBase groups an id's rows. */
    protected List<Session> arrange(List<Session> sessions) {
        return sessions;
    }

    /** Maps the current row of {@link #listSql()}. */
    protected Session map(ResultSet rs) throws SQLException {
        return base(rs, OptionalLong.empty()).build();
    }

    /**
     * Maps the eight base columns, by index.
     *
     * @param queryId the statement id for the session's key, where the server has one
     */
    protected final Session.Builder base(ResultSet rs, OptionalLong queryId) throws SQLException {
        long id = rs.getLong(1);
        String user = rs.getString(2);
        String host = rs.getString(3);
        String command = rs.getString(5);
        boolean background = (command != null && BACKGROUND_COMMANDS.contains(command))
                || (user != null && BACKGROUND_USERS.contains(user));
        // Why COMMAND and not STATE: STATE is empty for idle threads and for many running ones
        // (ODC #607); COMMAND 'Sleep' is the one sure sign of an idle session.
        SessionState state = "Sleep".equals(command) ? SessionState.IDLE : SessionState.ACTIVE;
        return Session.builder(new SessionKey(name, "", id, identity(user, host), queryId))
                .user(user)
                .source(host)
                .database(rs.getString(4))
                .command(command)
                .executionTime(Duration.ofSeconds(rs.getLong(6)))
                .set(StandardAttributes.STAGE, rs.getString(7))
                .sql(rs.getString(8))
                .state(state)
                .background(background)
                .own(isOwn(id));
    }

    /** What proves that a thread id still names the same session: its owner and client address. */
    protected static String identity(String user, String host) {
        return (user == null ? "" : user) + "@" + (host == null ? "" : host);
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        Text what = KillVerification.describe(name, key, mode);
        long id = KillVerification.numericId(key, what);
        own.refuse(key, what);
        return pool.withConnection(what, pool.killBound(), c -> {
            noteOwn(c);
            own.refuse(key, what);
            Optional<Session> target = read(c, key);
            String sql;
            if (target.isEmpty()) {
                if (key.hasIdentity()) {
                    Optional<String> blind = blindTo(c, key);
                    if (blind.isPresent()) {
                        throw new SourceException(Kind.PRIVILEGE, SourceText.of("failure.blindMySql", what, blind.get()));
                    }
                    throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.gone", what));
                }
                // A bare id we cannot see: either it has ended or it belongs to another user and we
                // lack PROCESS. The server tells which (1094 unknown thread, 1095 not owner), and
                // without PROCESS it refuses anything that is not ours.
                sql = killSql(id, mode, OptionalLong.empty());
            } else {
                Session now = target.get();
                if (key.hasIdentity() && !key.identity().equals(now.key().identity())) {
                    throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.idTaken", what,
                            now.key().identity(), key.identity()));
                }
                if (mode == KillMode.QUERY) {
                    if (!now.isActive()) {
                        throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.notRunning", what));
                    }
                    if (key.queryId().isPresent() && now.key().queryId().isPresent()
                            && key.queryId().getAsLong() != now.key().queryId().getAsLong()) {
                        throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.statementFinished", what,
                                String.valueOf(key.queryId().getAsLong())));
                    }
                }
                sql = killSql(id, mode, key.queryId().isPresent() ? key.queryId() : now.key().queryId());
            }
            try {
                executeKill(c, key, target, sql);
            } catch (SQLException refused) {
                // Why: on Amazon RDS, Aurora and Azure the administrator may not KILL another user's
                // session (1095) but may call the service's kill procedure
                managedKill.afterRefusal(ManagedKill.over(pool, c), id, mode, refused);
            }
            return KillVerification.await(key, mode, target, k -> read(c, k));
        });
    }

    /**
     * The user's login name when it cannot see the session {@code key} names, though that may still
     * run: it was another user's, and the user sees only its own now (no {@code PROCESS}, revoked
     * since the listing, with a new connection). Empty when the user sees every session, when the
     * session was its own, and when the server cannot tell.
     */
    private Optional<String> blindTo(Connection c, SessionKey key) {
        try {
            Optional<ConnectionPool.NameAndFlag> answer = pool.nameAndFlag(c, SEES_OTHERS);
            if (answer.isEmpty() || answer.get().flag()) {
                return Optional.empty();
            }
            String user = answer.get().name();
            return key.identity().startsWith(user + "@") ? Optional.empty() : Optional.of(user);
        } catch (SQLException e) {
            LOG.debug("Cannot tell whether {} may see every session: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The kill statement. Ids are numbers formatted with {@code %d}; nothing a user typed enters SQL.
     *
     * @param queryId the statement to cancel, where the server can target one
     */
    protected String killSql(long id, KillMode mode, OptionalLong queryId) {
        return String.format(mode == KillMode.QUERY ? KILL_QUERY : KILL_CONNECTION, id);
    }

    /**
     * Runs the kill statement. OceanBase overrides this to reach the OBServer hosting the session.
     *
     * @param target the session as just read again, empty when the user cannot see it
     */
    protected void executeKill(Connection c, SessionKey key, Optional<Session> target, String sql)
            throws SQLException, SourceException {
        try (Statement st = pool.statement(c)) {
            st.execute(sql);
        }
    }

    /** Reads the session {@code key} names again, on the given connection. */
    protected Optional<Session> read(Connection c, SessionKey key) throws SQLException, SourceException {
        return pool.query(c, listSql() + " WHERE ID = ?", this::map, key.numericId()).stream().findFirst();
    }

    /** Records the thread id of one of our pool connections; Connector/J knows it without a round trip. */
    private void noteOwn(Connection c) throws SQLException {
        own.note(ownId(c));
    }

    /**
     * The session id the server lists for this connection of ours. On MySQL and MariaDB Connector/J
     * knows it from the handshake, without a round trip.
     */
    protected long ownId(Connection c) throws SQLException {
        return c.unwrap(JdbcConnection.class).getId();
    }

    /** True when {@code id} is one of SessionDeck's own connections. */
    protected final boolean isOwn(long id) {
        return own.contains(id);
    }

    /** The plan with {@code EXPLAIN FOR CONNECTION} ({@link MySqlPlans}). */
    @Override
    public ExecutionPlan plan(SessionKey key) throws SourceException {
        return plans().plan(key);
    }

    @Override
    public Optional<Text> planUnavailable(Session session) {
        return plans().unavailable(session);
    }

    /** How this server's plans are read; MariaDB reads its own way. */
    protected MySqlPlans plans() {
        return new MySqlPlans(name, info, pool, this::read);
    }

    @Override
    public void close() {
        pool.close();
    }
}
