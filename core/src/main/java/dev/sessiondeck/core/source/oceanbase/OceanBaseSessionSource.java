package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionTracing;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.mysql.MySqlSessionSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Sessions of an OceanBase tenant in MySQL mode: the OCP session page.
 *
 * <ul>
 *   <li>4.x: {@code oceanbase.GV$OB_PROCESSLIST}, cluster-wide (OceanBase manual, "GV$OB_PROCESSLIST"):
 *       Session ID = ID, SQL = INFO (never cut), SQL ID, User, Source = USER_CLIENT_IP (the real client),
 *       Database Name = DB, Command, Execution Time = TIME (fractional seconds), Status = STATE
 *       (ACTIVE / SLEEP), OBServer = SVR_IP:SQL_PORT, OBProxy = HOST when PROXY_SESSID is set. The
 *       columns are probed once, so that versions lacking some (TOTAL_CPU_TIME, trace settings ...)
 *       still list.</li>
 *   <li>3.x: {@code SHOW FULL PROCESSLIST} (11 columns; Ip and Port give the OBServer).</li>
 * </ul>
 * Sessions are keyed by (id, OBServer); rows of one id are listed together, the active one first.
 * Kills and tracing run on the OBServer hosting the session, through {@link ObServerRouter}.
 */
public final class OceanBaseSessionSource extends MySqlSessionSource implements SessionTracing {

    static final String PROBE_COLUMNS = "SELECT * FROM oceanbase.GV$OB_PROCESSLIST WHERE 1 = 0";
    static final String SHOW_FULL_PROCESSLIST = "SHOW FULL PROCESSLIST";
    static final String OWN_SESSION_ID = "SELECT CONNECTION_ID()";
    static final String TRACE_ENABLE = "CALL DBMS_MONITOR.OB_SESSION_TRACE_ENABLE(?, ?, ?, ?)";
    static final String TRACE_DISABLE = "CALL DBMS_MONITOR.OB_SESSION_TRACE_DISABLE(?)";

    /** Always there in 4.x, in this order (indexes 1 to 10 of the listing). */
    static final List<String> REQUIRED = List.of("ID", "USER", "HOST", "DB", "COMMAND", "TIME", "STATE", "INFO",
            "SVR_IP", "SQL_PORT");
    /** Read when the server has them (indexes 11 on); NULL otherwise. */
    static final List<String> OPTIONAL = List.of("PROXY_SESSID", "USER_CLIENT_IP", "SQL_ID", "TRACE_ID",
            "TRANS_STATE", "TRANS_ID", "TOTAL_CPU_TIME", "RETRY_CNT", "IN_BYTES", "OUT_BYTES", "LEVEL",
            "SAMPLE_PERCENTAGE", "RECORD_POLICY", "TENANT");
    /** Optional columns shown as extras in the details, under their own names. */
    private static final List<String> EXTRAS = List.of("PROXY_SESSID", "TRANS_ID", "TOTAL_CPU_TIME", "RETRY_CNT",
            "IN_BYTES", "OUT_BYTES", "LEVEL", "SAMPLE_PERCENTAGE", "RECORD_POLICY", "TENANT");

    private final ConnectionSpec spec;
    private final boolean v4;
    private final String listSql;
    private final ObServerRouter router;

    /**
     * @param connector how to reach one OBServer directly; {@link #directConnector(ConnectionSpec)} in production
     */
    public OceanBaseSessionSource(ConnectionSpec spec, ServerInfo info, ConnectionPool pool,
                                  ObServerRouter.Connector connector) throws SourceException {
        super(spec.name(), info, pool);
        this.spec = spec;
        this.v4 = info.version().major() >= 4;
        this.listSql = v4 ? buildListSql(pool) : SHOW_FULL_PROCESSLIST;
        this.router = new ObServerRouter(info.version(), connector);
    }

    /** The 4.x listing with the columns this server has; the rest selected as NULL, so indexes stay fixed. */
    private static String buildListSql(ConnectionPool pool) throws SourceException {
        Set<String> present = pool.withConnection("Cannot read the columns of GV$OB_PROCESSLIST on " + pool.description(), c -> {
            Set<String> names = new HashSet<>();
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(PROBE_COLUMNS)) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    names.add(md.getColumnLabel(i).toUpperCase(Locale.ROOT));
                }
            }
            return names;
        });
        for (String r : REQUIRED) {
            if (!present.contains(r)) {
                throw new SourceException(Kind.UNSUPPORTED, "GV$OB_PROCESSLIST on " + pool.description()
                        + " has no column " + r + "; this OceanBase version is not supported yet");
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String r : REQUIRED) {
            sql.append('`').append(r).append("`, ");
        }
        for (String o : OPTIONAL) {
            sql.append(present.contains(o) ? "`" + o + "`" : "NULL AS `" + o + "`").append(", ");
        }
        sql.setLength(sql.length() - 2);
        return sql.append(" FROM oceanbase.GV$OB_PROCESSLIST").toString();
    }

    @Override
    protected String listSql() {
        return listSql;
    }

    @Override
    protected Session map(ResultSet rs) throws SQLException {
        return v4 ? map4(rs) : map3(rs);
    }

    private Session map4(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String user = rs.getString(2);
        String host = rs.getString(3);
        String command = rs.getString(5);
        String server = rs.getString(9) + ":" + rs.getString(10);
        String proxySessid = rs.getString(11);
        String clientIp = rs.getString(12);
        Map<String, String> extras = new LinkedHashMap<>();
        for (int i = 0; i < EXTRAS.size(); i++) {
            String v = rs.getString(11 + OPTIONAL.indexOf(EXTRAS.get(i)));
            if (v != null && !v.isEmpty()) {
                extras.put(EXTRAS.get(i), v);
            }
        }
        return Session.builder(new SessionKey(name(), server, id, identity(user, host), OptionalLong.empty()))
                .user(user)
                .source(clientIp != null && !clientIp.isEmpty() ? clientIp : host)
                .database(rs.getString(4))
                .command(command)
                .executionTime(seconds(rs.getBigDecimal(6)))
                .state(state(rs.getString(7), command))
                .sql(rs.getString(8))
                .obServer(server)
                .obProxy(proxySessid == null ? null : host)
                .sqlId(rs.getString(13))
                .traceId(rs.getString(14))
                .transactionState(rs.getString(15))
                .extras(extras)
                .own(isOwn(id))
                .build();
    }

    private Session map3(ResultSet rs) throws SQLException {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : SHOW_COLUMNS) {
            row.put(column, rs.getString(column));
        }
        return map3(name(), row, this::isOwn);
    }

    /** The 11 columns of OceanBase 3.x {@code SHOW FULL PROCESSLIST}. */
    static final List<String> SHOW_COLUMNS = List.of("Id", "User", "Tenant", "Host", "db", "Command", "Time", "State",
            "Info", "Ip", "Port");

    /**
     * Maps one row of 3.x {@code SHOW FULL PROCESSLIST} (OceanBase 3.x manual, "SHOW PROCESSLIST"):
     * Id, User, Tenant, Host, db, Command, Time, State, Info, Ip, Port; Ip and Port name the OBServer.
     */
    static Session map3(String dataSource, Map<String, String> row, java.util.function.LongPredicate own) {
        long id = Long.parseLong(row.get("Id"));
        String user = row.get("User");
        String host = row.get("Host");
        String command = row.get("Command");
        String server = row.get("Ip") + ":" + row.get("Port");
        String tenant = row.get("Tenant");
        String time = row.get("Time");
        return Session.builder(new SessionKey(dataSource, server, id, identity(user, host), OptionalLong.empty()))
                .user(user)
                .source(host)
                .database(row.get("db"))
                .command(command)
                .executionTime(time == null ? null : seconds(new BigDecimal(time)))
                .state(state(row.get("State"), command))
                .sql(row.get("Info"))
                .obServer(server)
                .extras(tenant == null ? Map.of() : Map.of("TENANT", tenant))
                .own(own.test(id))
                .build();
    }

    private static Duration seconds(BigDecimal s) {
        return s == null ? null : Duration.ofNanos(s.movePointRight(9).longValue());
    }

    /** OceanBase words the status itself (ACTIVE, SLEEP); the command decides where it does not. */
    private static SessionState state(String status, String command) {
        if ("ACTIVE".equalsIgnoreCase(status)) {
            return SessionState.ACTIVE;
        }
        if ("SLEEP".equalsIgnoreCase(status) || "Sleep".equalsIgnoreCase(command)) {
            return SessionState.IDLE;
        }
        return SessionState.ACTIVE;
    }

    /** One id's rows together, the active row first, as OCP groups them. */
    @Override
    protected List<Session> arrange(List<Session> sessions) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparingLong(Session::id)
                .thenComparing(s -> !s.isActive())
                .thenComparing(s -> s.key().server()));
        return sorted;
    }

    /** Behind OBProxy the handshake id is the proxy's; CONNECTION_ID() is the id GV$OB_PROCESSLIST lists. */
    @Override
    protected long ownId(Connection c) throws SQLException {
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(OWN_SESSION_ID)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    protected Optional<Session> read(Connection c, SessionKey key) throws SQLException {
        if (!v4) {
            List<Session> all = new ArrayList<>();
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(SHOW_FULL_PROCESSLIST)) {
                while (rs.next()) {
                    all.add(map3(rs));
                }
            }
            return pick(all, key);
        }
        boolean byServer = !key.server().isEmpty();
        String sql = listSql + " WHERE ID = ?" + (byServer ? " AND SVR_IP = ? AND SQL_PORT = ?" : "");
        try (PreparedStatement ps = pool.prepare(c, sql)) {
            ps.setLong(1, key.id());
            if (byServer) {
                ObServerRouter.HostPort hp = ObServerRouter.HostPort.parse(key.server());
                ps.setString(2, hp.host());
                ps.setInt(3, hp.port());
            }
            List<Session> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(map4(rs));
                }
            }
            return pick(rows, key);
        }
    }

    /** The row of this id (and server, when the key names one), the active one first. */
    private static Optional<Session> pick(List<Session> rows, SessionKey key) {
        return rows.stream()
                .filter(s -> s.id() == key.id() && (key.server().isEmpty() || key.server().equals(s.key().server())))
                .min(Comparator.comparing(s -> !s.isActive()));
    }

    @Override
    protected void executeKill(Connection c, SessionKey key, Optional<Session> target, String sql)
            throws SQLException, SourceException {
        Optional<String> server = target.flatMap(Session::obServer)
                .or(() -> key.server().isEmpty() ? Optional.empty() : Optional.of(key.server()));
        router.run(ObServerRouter.Purpose.KILL, runner(c), sql, new Object[0], server);
    }

    @Override
    public Optional<TraceSettings> traceSettings(Session session) {
        return traceSettingsOf(session);
    }

    /**
     * The trace settings a listed session carries in its {@link Session#extras()} ({@code LEVEL},
     * {@code SAMPLE_PERCENTAGE}, {@code RECORD_POLICY} of {@code GV$OB_PROCESSLIST}); empty when
     * tracing is off, the columns are missing, or the session is not OceanBase's. Static, so that a
     * table column can show them without the data source.
     */
    public static Optional<TraceSettings> traceSettingsOf(Session session) {
        String level = session.extras().get("LEVEL");
        String pct = session.extras().get("SAMPLE_PERCENTAGE");
        String policy = session.extras().get("RECORD_POLICY");
        if (level == null || pct == null || policy == null) {
            return Optional.empty();
        }
        try {
            int l = Integer.parseInt(level.strip());
            double p = Double.parseDouble(pct.strip());
            if (l <= 0 || p <= 0) {
                return Optional.empty();
            }
            // Why the split at 1: the server keeps the share as a fraction (0..1]; a view that reports it
            // in percent says more than 1. Not verified against a live 4.2 (docs/oceanbase.md).
            return Optional.of(new TraceSettings(l, p <= 1 ? p * 100 : p, TraceSettings.RecordPolicy.parse(policy)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void enableTrace(SessionKey key, TraceSettings settings) throws SourceException {
        trace(key, TRACE_ENABLE, new Object[] {key.id(), settings.level(), BigDecimal.valueOf(settings.sampleFraction()),
                settings.recordPolicy().name()}, "enable tracing of");
    }

    @Override
    public void disableTrace(SessionKey key) throws SourceException {
        trace(key, TRACE_DISABLE, new Object[] {key.id()}, "disable tracing of");
    }

    private void trace(SessionKey key, String sql, Object[] params, String verb) throws SourceException {
        String what = "Cannot " + verb + " session " + key.id() + " on " + name();
        if (!serverInfo().can(Capability.TRACE)) {
            throw new SourceException(Kind.UNSUPPORTED, what + ": end-to-end tracing needs OceanBase 4.2.1 or later, this is "
                    + serverInfo().version());
        }
        pool.withConnection(what, c -> {
            Optional<Session> target = read(c, key);
            if (target.isEmpty()) {
                throw new SourceException(Kind.SESSION_GONE, what + ": the session has ended");
            }
            return router.run(ObServerRouter.Purpose.TRACE, runner(c), sql, params, target.get().obServer());
        });
    }

    /** Our pooled connection as the router's runner; closing it leaves the connection to the pool. */
    private ObServerRouter.SqlRunner runner(Connection c) {
        return new JdbcSqlRunner(c, pool.queryTimeoutSeconds(), false);
    }

    /**
     * Direct connections to one OBServer with the data source's credentials. Through OBProxy the user
     * is written {@code user@tenant#cluster}; an OBServer takes {@code user@tenant}, so the cluster
     * part is dropped, as ODC does.
     */
    public static ObServerRouter.Connector directConnector(ConnectionSpec spec) {
        return (host, port) -> {
            String user = spec.user();
            int hash = user.indexOf('#');
            ConnectionSpec direct = spec.toBuilder().host(host).port(port)
                    .user(hash > 0 ? user.substring(0, hash) : user).build();
            return JdbcSqlRunner.open(direct);
        };
    }
}
