package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ObServerRouter.SqlRunner} over a JDBC connection; every statement has the query timeout. */
final class JdbcSqlRunner implements ObServerRouter.SqlRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSqlRunner.class);

    private final Connection connection;
    private final int timeoutSeconds;
    private final boolean owned;

    JdbcSqlRunner(Connection connection, int timeoutSeconds, boolean owned) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
        this.owned = owned;
    }

    /** Opens a connection of its own (closed with the runner), with the spec's timeouts and TLS. */
    static JdbcSqlRunner open(ConnectionSpec spec) throws SQLException {
        Properties p = MySqlProtocol.INSTANCE.driverProperties(spec);
        p.setProperty("user", spec.user());
        char[] password = spec.password();
        p.setProperty("password", new String(password));
        Arrays.fill(password, '\0');
        Connection c = DriverManager.getConnection(MySqlProtocol.INSTANCE.jdbcUrl(spec), p);
        try {
            // the driver's socket timeout is the connect timeout; statements get the query timeout's
            // bound, as on a pool connection (ConnectionPool)
            c.setNetworkTimeout(Runnable::run, (int) spec.queryTimeout().plus(ConnectionPool.MARGIN).toMillis());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return new JdbcSqlRunner(c, (int) Math.max(1, spec.queryTimeout().toSeconds()), true);
    }

    @Override
    public void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    @Override
    public List<String> column(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        if (owned) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a direct OBServer connection failed: {}", e.getMessage());
            }
        }
    }
}
