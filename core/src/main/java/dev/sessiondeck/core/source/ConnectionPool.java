package dev.sessiondeck.core.source;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The small HikariCP pool a {@link SessionSource} owns: at most {@value #MAX_CONNECTIONS}
 * connections (one lists while the other kills), no idle connection kept open beyond what was used,
 * connect and validation bounded by the {@link ConnectionSpec#connectTimeout() connect timeout}, and
 * every statement given the {@link ConnectionSpec#queryTimeout() query timeout}. Failures come out
 * as {@link SourceException}s worded by the protocol's {@link SqlErrors}.
 */
public final class ConnectionPool implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 2;

    private final HikariDataSource dataSource;
    private final SqlErrors errors;
    private final int queryTimeoutSeconds;
    private final String description;

    private ConnectionPool(HikariDataSource dataSource, SqlErrors errors, int queryTimeoutSeconds, String description) {
        this.dataSource = dataSource;
        this.errors = errors;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
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
            return new ConnectionPool(ds, errors, (int) Math.max(1, spec.queryTimeout().toSeconds()), description);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw errors.translate(sql, "Cannot connect to " + description);
            }
            throw new SourceException(SourceException.Kind.UNREACHABLE,
                    "Cannot connect to " + description + ": " + SqlErrors.firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new SourceException(SourceException.Kind.UNREACHABLE,
                    "Cannot connect to " + description + ": " + SqlErrors.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Borrows a connection, runs {@code work} and gives the connection back; a JDBC failure comes
     * out translated, with {@code what} as its context.
     */
    public <R> R withConnection(String what, SqlFunction<Connection, R> work) throws SourceException {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw errors.translate(e, what);
        }
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
