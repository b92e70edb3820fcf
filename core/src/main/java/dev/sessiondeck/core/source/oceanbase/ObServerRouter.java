package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a statement that only the OBServer hosting a session can carry out (KILL, and
 * {@code DBMS_MONITOR} tracing), following what ODC does ({@code DefaultDBSessionManage}): run it on
 * the current connection; when the server reached answers that it does not know the session:
 * <ol>
 *   <li>for a kill, connected directly to an OBServer ({@code PROXY_SESSID} of our own session is
 *       NULL): report the error, session ids are unique in the cluster;</li>
 *   <li>for a kill, with OBProxy global client sessions (OBProxy 4.2.3+ and OceanBase 4.2.5+): the id
 *       is global, report the error;</li>
 *   <li>otherwise connect directly to the session's OBServer ({@code SVR_IP:SQL_PORT}) with the same
 *       credentials and run it there.</li>
 * </ol>
 * Not verified against a live OceanBase here; see {@code docs/oceanbase.md}.
 */
public final class ObServerRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ObServerRouter.class);

    static final Version GLOBAL_CLIENT_SESSION_PROXY = Version.of(4, 2, 3);
    static final Version GLOBAL_CLIENT_SESSION_OCEANBASE = Version.of(4, 2, 5);
    static final String OWN_PROXY_SESSID = "SELECT PROXY_SESSID FROM oceanbase.GV$OB_PROCESSLIST WHERE ID = CONNECTION_ID()";
    static final String PROXY_VERSION = "SELECT proxy_version()";

    /** One connection's worth of SQL: our own interface, so the chain can be tested with a recording fake. */
    public interface SqlRunner extends AutoCloseable {
        /** Runs a statement; {@code params} are bound in order. */
        void execute(String sql, Object... params) throws SQLException;

        /** The first column of every row, NULLs kept as {@code null}. */
        List<String> column(String sql) throws SQLException;

        @Override
        void close();
    }

    /** Opens a direct connection to one OBServer's SQL port with the data source's credentials. */
    @FunctionalInterface
    public interface Connector {
        SqlRunner open(String host, int port) throws SQLException;
    }

    /** Where the statement ran. */
    public enum Route { CURRENT, DIRECT }

    /** What kind of "not here" the caller's statement can meet. */
    enum Purpose {
        KILL, TRACE
    }

    private final Version obVersion;
    private final Connector connector;

    public ObServerRouter(Version obVersion, Connector connector) {
        this.obVersion = obVersion;
        this.connector = connector;
    }

    /** KILL / KILL QUERY: "Unknown thread id" (1094) from a server that does not host the session. */
    static boolean unknownThread(SQLException e) {
        return e.getErrorCode() == 1094 || contains(e, "unknown thread id");
    }

    /** DBMS_MONITOR: "User session ID does not exist." (OB_OP_NOT_ALLOW) from a server that does not host it. */
    static boolean sessionNotOnThisServer(SQLException e) {
        return contains(e, "session id does not exist");
    }

    private static boolean contains(SQLException e, String words) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains(words);
    }

    /**
     * Runs {@code sql} where the session lives.
     *
     * @param current  the current (pooled) connection
     * @param obServer the session's {@code SVR_IP:SQL_PORT}, empty when unknown
     * @throws SQLException    the current server's error when the chain says to report it
     * @throws SourceException {@code UNREACHABLE} when the direct connection fails
     */
    Route run(Purpose purpose, SqlRunner current, String sql, Object[] params, Optional<String> obServer)
            throws SQLException, SourceException {
        Predicate<SQLException> notHere = purpose == Purpose.KILL ? ObServerRouter::unknownThread
                : ObServerRouter::sessionNotOnThisServer;
        try {
            current.execute(sql, params);
            return Route.CURRENT;
        } catch (SQLException e) {
            if (!notHere.test(e) || obServer.isEmpty()) {
                throw e;
            }
            if (purpose == Purpose.KILL) {
                if (connectedDirectly(current)) {
                    LOG.info("connected directly to an OBServer: reporting '{}' as it is", e.getMessage());
                    throw e;
                }
                if (globalClientSessions(current)) {
                    LOG.info("OBProxy global client sessions are on: reporting '{}' as it is", e.getMessage());
                    throw e;
                }
            }
            HostPort target = HostPort.parse(obServer.get());
            LOG.info("the server reached does not host the session; running on OBServer {} directly", target);
            SqlRunner direct;
            try {
                direct = connector.open(target.host(), target.port());
            } catch (SQLException connectFailure) {
                throw new SourceException(Kind.UNREACHABLE, SourceText.of("failure.obServer", target,
                        String.valueOf(connectFailure.getMessage())), connectFailure);
            }
            try (direct) {
                direct.execute(sql, params);
            }
            return Route.DIRECT;
        }
    }

    /** Our session has no OBProxy session id: we talk to an OBServer directly. */
    private static boolean connectedDirectly(SqlRunner current) {
        try {
            List<String> proxy = current.column(OWN_PROXY_SESSID);
            return proxy.size() == 1 && proxy.get(0) == null;
        } catch (SQLException e) {
            LOG.warn("cannot tell whether the connection goes through OBProxy: {}", e.getMessage());
            return false;
        }
    }

    private boolean globalClientSessions(SqlRunner current) {
        if (!obVersion.atLeast(GLOBAL_CLIENT_SESSION_OCEANBASE)) {
            return false;
        }
        try {
            List<String> v = current.column(PROXY_VERSION);
            return v.size() == 1 && v.get(0) != null && Version.parse(v.get(0)).atLeast(GLOBAL_CLIENT_SESSION_PROXY);
        } catch (SQLException | IllegalArgumentException e) {
            LOG.info("cannot read the OBProxy version ({}): assuming no global client sessions", e.getMessage());
            return false;
        }
    }

    /** An OBServer's SQL address. */
    record HostPort(String host, int port) {
        static HostPort parse(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not an OBServer address: '" + s + "'");
            }
            return new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
