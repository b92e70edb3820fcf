package dev.sessiondeck.core.source;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.sessiondeck.core.model.Text;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The small HikariCP pool a {@link SessionSource} owns: at most {@value #MAX_CONNECTIONS}
 * connections (one lists while the other kills), no idle connection kept open beyond what was used,
 * connect and validation bounded by the {@link ConnectionSpec#connectTimeout() connect timeout}, and
 * every statement given the {@link ConnectionSpec#queryTimeout() query timeout}. Failures come out
 * as {@link SourceException}s worded by the protocol's {@link SqlErrors}.
 */
public final class ConnectionPool implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 2;
    /**
     * How far past its bound a call may run before its connection is closed under it: a call's network
     * timeout is the query timeout plus this, and the watchdog fires this much later again. (The
     * drivers' own socket timeout is the connect timeout: it bounds the login and the driver's first
     * statements, before a call sets its own.)
     */
    public static final Duration MARGIN = Duration.ofSeconds(1);

    /** Closes the connection of a call that outlived its bound; a daemon, so it never keeps the JVM alive. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessiondeck-jdbc-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HikariDataSource dataSource;
    private final SqlErrors errors;
    private final int queryTimeoutSeconds;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final String description;

    private ConnectionPool(HikariDataSource dataSource, SqlErrors errors, ConnectionSpec spec, String description) {
        this.dataSource = dataSource;
        this.errors = errors;
        this.queryTimeoutSeconds = (int) Math.max(1, spec.queryTimeout().toSeconds());
        this.connectTimeout = spec.connectTimeout();
        this.queryTimeout = spec.queryTimeout();
        this.description = description;
    }

    /**
     * Opens the pool and its first connection, so that a wrong password or an unreachable host is
     * reported here, within the connect timeout.
     *
     * @param spec             where to connect
     * @param jdbcUrl          the driver URL, without credentials
     * @param driverProperties the driver's own settings (timeouts, TLS), without credentials
     * @param errors           how the protocol words its failures
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE} or {@code TIMEOUT}
     */
    public static ConnectionPool open(ConnectionSpec spec, String jdbcUrl, Properties driverProperties, SqlErrors errors)
            throws SourceException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sessiondeck-" + spec.name());
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(spec.user());
        char[] password = spec.password();
        config.setPassword(new String(password));
        Arrays.fill(password, '\0');
        config.setDataSourceProperties(driverProperties);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        // Why 0: a connection is only opened when SessionDeck uses it, so every one of our
        // connections has been seen (and flagged as ours) before it can show up in a listing.
        config.setMinimumIdle(0);
        long connectMillis = spec.connectTimeout().toMillis();
        config.setConnectionTimeout(connectMillis);
        config.setValidationTimeout(Math.max(250, Math.min(connectMillis, 5_000)));
        // Why 1 ms: try the first connection once, now, and throw its real cause.
        config.setInitializationFailTimeout(1);
        config.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setAutoCommit(true);
        config.setReadOnly(false);
        String description = spec.describe();
        try {
            HikariDataSource ds = new HikariDataSource(config);
            return new ConnectionPool(ds, errors, spec, description);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw errors.translate(sql, SourceText.of("what.connect", description));
            }
            throw new SourceException(SourceException.Kind.UNREACHABLE, SourceText.of("failure.withReason",
                    SourceText.of("what.connect", description), SqlErrors.firstLine(e.getMessage())), e);
        } catch (RuntimeException e) {
            throw new SourceException(SourceException.Kind.UNREACHABLE, SourceText.of("failure.withReason",
                    SourceText.of("what.connect", description), SqlErrors.firstLine(e.getMessage())), e);
        }
    }

    /**
     * Borrows a connection, runs {@code work} and gives the connection back; a JDBC failure comes
     * out translated, with {@code what} as its context. The work is bounded by the query timeout:
     * every read waits at most the query timeout plus {@link #MARGIN} (the connection's network
     * timeout), and a watchdog closes the connection when the work still runs a margin after that,
     * for a driver that does not return.
     *
     * @throws SourceException {@code TIMEOUT} when the bound passed, or the translated failure
     */
    public <R> R withConnection(Text what, SqlFunction<Connection, R> work) throws SourceException {
        return within(what, queryTimeout.plus(MARGIN), queryTimeout.plus(MARGIN).plus(MARGIN), work);
    }

    /**
     * As {@link #withConnection(Text, SqlFunction)}, for work of several statements that may take
     * up to {@code total} (a kill: read, kill, verify): each read still waits at most the query
     * timeout plus {@link #MARGIN}.
     */
    public <R> R withConnection(Text what, Duration total, SqlFunction<Connection, R> work) throws SourceException {
        return within(what, queryTimeout.plus(MARGIN), total.plus(MARGIN), work);
    }

    /**
     * As {@link #withConnection(Text, SqlFunction)} for the first questions after login (what the
     * server is): bounded by the connect timeout, so that a server that logs in and then says nothing
     * is given up as soon as one that does not answer the connect.
     */
    public <R> R afterLogin(Text what, SqlFunction<Connection, R> work) throws SourceException {
        return within(what, connectTimeout, connectTimeout.plus(MARGIN), false, work);
    }

    /**
     * As {@link #withConnection(Text, SqlFunction)} for a one-off question (a privilege check), on a
     * connection that is closed afterwards rather than given back: on PostgreSQL 18 a backend that has
     * evaluated {@code pg_has_role} over {@code pg_roles} lists {@code pg_stat_activity} of 5,000
     * backends about 15 % slower from then on (measured in the benchmark, docs/benchmarks.md), and
     * what a question leaves in a server session must not slow the listings after it.
     */
    public <R> R askOnce(Text what, SqlFunction<Connection, R> work) throws SourceException {
        return within(what, queryTimeout.plus(MARGIN), queryTimeout.plus(MARGIN).plus(MARGIN), true, work);
    }

    private <R> R within(Text what, Duration network, Duration bound, SqlFunction<Connection, R> work)
            throws SourceException {
        return within(what, network, bound, false, work);
    }

    private <R> R within(Text what, Duration network, Duration bound, boolean evictAfter, SqlFunction<Connection, R> work)
            throws SourceException {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw errors.translate(e, what);
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            fired.set(true);
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                // closing is all the watchdog can do; the call fails with TIMEOUT below either way
            }
        }, bound.toMillis(), TimeUnit.MILLISECONDS);
        boolean broken = false;
        try {
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, network.toMillis()));
            return work.apply(c);
        } catch (SQLException e) {
            if (fired.get()) {
                throw timeout(what, bound, e);
            }
            SourceException failure = errors.translate(e, what);
            // Why not back into the pool: after a timeout or a broken link the driver may have closed
            // the socket without the pool knowing (Connector/J reports its read timeout as a statement
            // timeout, which HikariCP does not take for a broken connection), and the next call would
            // get the dead connection and fail as well.
            broken = failure.kind() == SourceException.Kind.TIMEOUT || failure.kind() == SourceException.Kind.UNREACHABLE;
            throw failure;
        } finally {
            dog.cancel(false);
            if (fired.get() || broken || evictAfter) {
                dataSource.evictConnection(c);
            } else {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the pool has the connection back or drops it; nothing of the work is lost
                }
            }
        }
    }

    private SourceException timeout(Text what, Duration bound, SQLException cause) {
        return new SourceException(SourceException.Kind.TIMEOUT, SourceText.of("failure.noAnswerWithin", what,
                String.valueOf(bound.toMillis() / 1000.0)), cause);
    }

    /** The query timeout of every statement. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /**
     * How long a kill may take in all: reading the target, the kill (each a statement, possibly on
     * another server for OceanBase, which connects first), and verifying it ({@link KillVerification#VERIFY_FOR}).
     */
    public Duration killBound() {
        return queryTimeout.multipliedBy(3).plus(connectTimeout).plus(KillVerification.VERIFY_FOR);
    }

    /** The connect timeout, which also bounds the first questions after login. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Runs a query with the query timeout and maps every row.
     *
     * @param params values for the statement's {@code ?} placeholders, in order (ids: typed numbers,
     *               never text)
     */
    public <R> List<R> query(Connection c, String sql, SqlFunction<ResultSet, R> row, long... params)
            throws SQLException, SourceException {
        try (PreparedStatement ps = prepare(c, sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<R> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.apply(rs));
                }
                return out;
            }
        }
    }

    /** The answer to a one-row question: its first column as text, its second as yes or no. */
    public record NameAndFlag(String name, boolean flag) {
    }

    /**
     * Asks a one-row question (a privilege check: the login name and whether it holds something),
     * with the query timeout; empty when the server returns no row.
     *
     * <p>Why not {@link #query}: the mapping function there is called for every row of every listing,
     * and the JIT compiles it for the few functions it has seen; a one-off function of a question
     * passed through it as well makes that call site megamorphic, and PostgreSQL's snapshot of 5,000
     * backends took 20 % longer (docs/benchmarks.md, issue 18).
     */
    public Optional<NameAndFlag> nameAndFlag(Connection c, String sql) throws SQLException {
        try (Statement st = statement(c); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new NameAndFlag(rs.getString(1), rs.getBoolean(2)));
        }
    }

    /** Prepares a statement with the query timeout set. */
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setQueryTimeout(queryTimeoutSeconds);
        return ps;
    }

    /** Creates a plain statement with the query timeout set. */
    public Statement statement(Connection c) throws SQLException {
        Statement s = c.createStatement();
        s.setQueryTimeout(queryTimeoutSeconds);
        return s;
    }

    /** The query timeout every statement gets, in seconds. */
    public int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    /** How the protocol words failures. */
    public SqlErrors errors() {
        return errors;
    }

    /** "user@host:port/database", without the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
