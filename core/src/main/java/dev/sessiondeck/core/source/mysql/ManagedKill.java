package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.source.ConnectionPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills on managed MySQL and MariaDB, where the administrator has no {@code CONNECTION_ADMIN} or
 * {@code SUPER} and a plain {@code KILL} of another user's session fails with error 1095
 * (ER_KILL_DENIED_ERROR, "You are not owner of thread N", SQLState HY000):
 * <ul>
 *   <li>Amazon RDS and Aurora: {@code CALL mysql.rds_kill(id)}, {@code CALL mysql.rds_kill_query(id)}
 *       (Amazon RDS User Guide, "Ending a session or query");</li>
 *   <li>Azure Database for MySQL: {@code CALL mysql.az_kill(id)}, {@code CALL mysql.az_kill_query(id)}
 *       (Azure Database for MySQL, "Built-in stored procedures").</li>
 * </ul>
 * The order is the safest one: the plain {@code KILL} first, and only after it failed with 1095 the
 * procedure the server has. Which one that is, is asked once ({@link #DETECT}: {@code @@basedir}, which
 * starts with {@code /rdsdbbin/} on RDS and Aurora, and the kill procedures in
 * {@code information_schema.ROUTINES}) and kept. OceanBase has none and is never asked.
 */
public final class ManagedKill {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedKill.class);

    /** Where the server runs, with its kill procedures. */
    public enum Service {
        AMAZON_RDS("mysql.rds_kill", "mysql.rds_kill_query"),
        AZURE("mysql.az_kill", "mysql.az_kill_query");

        private final String kill;
        private final String killQuery;

        Service(String kill, String killQuery) {
            this.kill = kill;
            this.killQuery = killQuery;
        }

        /** {@code CALL mysql.rds_kill(42)}; the id is a number formatted with {@code %d}. */
        public String call(long id, KillMode mode) {
            return String.format(Locale.ROOT, "CALL %s(%d)", mode == KillMode.QUERY ? killQuery : kill, id);
        }
    }

    /**
     * What the server says of itself: one row of {@link #DETECT}.
     *
     * @param basedir    {@code @@basedir}, may be null
     * @param procedures the kill procedures in the {@code mysql} schema the user can see, lower case
     */
    public record Detection(String basedir, Set<String> procedures) {
        public Detection {
            procedures = procedures == null ? Set.of() : procedures.stream()
                    .map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }

        /** From {@link #DETECT}'s second column, a comma-separated list or NULL. */
        public static Detection of(String basedir, String procedureList) {
            return new Detection(basedir, procedureList == null ? Set.of() : Set.copyOf(Arrays.asList(procedureList.split(","))));
        }

        /**
         * The service whose procedures the server has; RDS also by its base directory, which shows
         * even where {@code ROUTINES} hides procedures the user may not see.
         */
        public Optional<Service> service() {
            if (procedures.contains("rds_kill")) {
                return Optional.of(Service.AMAZON_RDS);
            }
            if (procedures.contains("az_kill")) {
                return Optional.of(Service.AZURE);
            }
            if (basedir != null && basedir.startsWith("/rdsdbbin/")) {
                return Optional.of(Service.AMAZON_RDS);
            }
            return Optional.empty();
        }
    }

    /** Runs the statements for {@link #afterRefusal}; our own interface, so that tests can stand in for a server. */
    public interface Server {
        /** Asks {@link #DETECT}. */
        Detection detect() throws SQLException;

        /** Runs one statement. */
        void execute(String sql) throws SQLException;
    }

    /** The base directory and the kill procedures, in one row. */
    static final String DETECT = """
            SELECT @@basedir,
                   (SELECT GROUP_CONCAT(ROUTINE_NAME) FROM information_schema.ROUTINES
                    WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_TYPE = 'PROCEDURE'
                      AND ROUTINE_NAME IN ('rds_kill', 'rds_kill_query', 'az_kill', 'az_kill_query'))""";

    private final boolean applies;
    /** The service, once asked; null before. */
    private volatile Optional<Service> service;

    private ManagedKill(boolean applies) {
        this.applies = applies;
    }

    /** For a MySQL or MariaDB server; OceanBase has no such procedures and is never asked. */
    public static ManagedKill forServer(ServerInfo info) {
        return new ManagedKill(info.product() == Product.MYSQL || info.product() == Product.MARIADB);
    }

    /**
     * After {@code refusal} of a plain kill of session {@code id}: when it is error 1095 and the
     * server is a managed one, kills with the service's procedure instead; else throws
     * {@code refusal}.
     *
     * @throws SQLException {@code refusal}, or the procedure's own failure (with {@code refusal}
     *                      suppressed in it)
     */
    public void afterRefusal(Server server, long id, KillMode mode, SQLException refusal) throws SQLException {
        if (!applies || refusal.getErrorCode() != MySqlErrors.KILL_DENIED) {
            throw refusal;
        }
        Optional<Service> known = service;
        if (known == null) {
            try {
                known = server.detect().service();
            } catch (SQLException e) {
                LOG.debug("Cannot tell whether the server is a managed one: {}", e.getMessage());
                refusal.addSuppressed(e);
                throw refusal;
            }
            service = known;
            known.ifPresent(s -> LOG.info("Managed server ({}): kills another user's session with {}", s, s.call(id, mode)));
        }
        if (known.isEmpty()) {
            throw refusal;
        }
        try {
            server.execute(known.get().call(id, mode));
        } catch (SQLException e) {
            e.addSuppressed(refusal);
            throw e;
        }
    }

    /** {@link Server} over a connection of the pool, each statement with the query timeout. */
    public static Server over(ConnectionPool pool, Connection c) {
        return new Server() {
            @Override
            public Detection detect() throws SQLException {
                try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(DETECT)) {
                    return rs.next() ? Detection.of(rs.getString(1), rs.getString(2)) : Detection.of(null, null);
                }
            }

            @Override
            public void execute(String sql) throws SQLException {
                try (Statement st = pool.statement(c)) {
                    st.execute(sql);
                }
            }
        };
    }
}
