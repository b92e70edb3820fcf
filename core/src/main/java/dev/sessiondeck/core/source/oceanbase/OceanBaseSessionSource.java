package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
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
 *       columns are probed once, so that versions lacking some (TOTAL_CPU_TIME, IN_BYTES, OUT_BYTES,
 *       MEMORY_USAGE in bytes, trace settings ...) still list; the resources go to the CPU Time,
 *       Bytes In, Bytes Out and Memory columns.</li>
 *   <li>3.x: {@code SHOW FULL PROCESSLIST} (11 columns; Ip and Port give the OBServer).</li>
 * </ul>
 * Sessions are keyed by (id, OBServer); rows of one id are listed together, the active one first.
 * Kills and tracing run on the OBServer hosting the session, through {@link ObServerRouter}. Besides
 * Close Session and Close Query it offers full link tracking ({@link #TRACE}, {@link #TRACE_OFF}).
 */
public final class OceanBaseSessionSource extends MySqlSessionSource {

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
            "SAMPLE_PERCENTAGE", "RECORD_POLICY", "TENANT", "MEMORY_USAGE");
    private static final List<Attribute<?>> ATTRIBUTES = List.of(OceanBaseAttributes.SQL_ID, OceanBaseAttributes.OB_SERVER,
            OceanBaseAttributes.OB_PROXY, OceanBaseAttributes.TRACE_ID, StandardAttributes.TRANSACTION_STATE,
            OceanBaseAttributes.TRANSACTION_ID, OceanBaseAttributes.PROXY_SESSION_ID, OceanBaseAttributes.CPU_TIME,
            OceanBaseAttributes.RETRY_COUNT, OceanBaseAttributes.BYTES_IN, OceanBaseAttributes.BYTES_OUT, StandardAttributes.MEMORY,
            OceanBaseAttributes.TRACE_LEVEL, OceanBaseAttributes.TRACE_SAMPLE, OceanBaseAttributes.TRACE_POLICY,
            OceanBaseAttributes.TENANT, StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED,
            StandardAttributes.LOCK_WAIT_TIME);

    private static Text text(String key) {
        return Text.of(OceanBaseAttributes.BUNDLE, key);
    }

    /** The trace level parameter: {@value TraceSettings#MIN_LEVEL} to {@value TraceSettings#MAX_LEVEL}. */
    static final InputField LEVEL = InputField.builder("level", text("param.level"), InputField.Kind.INTEGER)
            .required().min(Integer.toString(TraceSettings.MIN_LEVEL)).max(Integer.toString(TraceSettings.MAX_LEVEL))
            .initial("1").hint(text("param.level.hint")).build();
    /** The sample share in percent: above 0, at most 100 (sent as a fraction). */
    static final InputField SAMPLE = InputField.builder("samplePercentage", text("param.sample"), InputField.Kind.DECIMAL)
            .required().above("0").max("100").initial("10").hint(text("param.sample.hint")).build();
    /** The record policy. */
    static final InputField POLICY = InputField.builder("recordPolicy", text("param.policy"), InputField.Kind.CHOICE)
            .required().initial(TraceSettings.RecordPolicy.SAMPLE_AND_SLOW_QUERY.name())
            .choices(java.util.Arrays.stream(TraceSettings.RecordPolicy.values())
                    .map(p -> new InputField.Choice(p.name(), text("policy." + p.name()))).toList())
            .build();
    /** Full link tracking configuration: enables tracing of one session with a level, a sample share and a policy. */
    public static final SessionAction TRACE = SessionAction.builder("trace", text("action.trace"))
            .tip(text("action.trace.tip")).parameters(List.of(LEVEL, SAMPLE, POLICY)).build();
    /** Turns tracing of one session off. */
    public static final SessionAction TRACE_OFF = SessionAction.builder("traceOff", text("action.traceOff"))
            .tip(text("action.traceOff.tip")).build();

    private final ConnectionSpec spec;
    private final boolean v4;
    private final String listSql;
    private final ObServerRouter router;

    /**
     * @param connector how to reach one OBServer directly; {@link #directConnector(ConnectionSpec)} in production
     */
    public OceanBaseSessionSource(ConnectionSpec spec, ServerInfo info, ConnectionPool pool,
                                  ObServerRouter.Connector connector) throws SourceException {
        super(spec.name(), info, pool, new ObLockWaits(info, pool));
        this.spec = spec;
        this.v4 = info.version().major() >= 4;
        this.listSql = v4 ? buildListSql(pool) : SHOW_FULL_PROCESSLIST;
        this.router = new ObServerRouter(info.version(), connector);
    }

    /** The 4.x listing with the columns this server has; the rest selected as NULL, so indexes stay fixed. */
    private static String buildListSql(ConnectionPool pool) throws SourceException {
        Set<String> present = pool.withConnection(SourceText.of("what.columns", "GV$OB_PROCESSLIST", pool.description()), c -> {
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
                throw new SourceException(Kind.UNSUPPORTED, text("failure.missingColumn").with(pool.description(), r));
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
    public List<Attribute<?>> attributes() {
        return ATTRIBUTES;
    }

    @Override
    public List<SessionAction> actions() {
        List<SessionAction> out = new ArrayList<>(super.actions());
        out.add(TRACE);
        out.add(TRACE_OFF);
        return out;
    }

    @Override
    public Optional<Text> unavailable(SessionAction action, Session session) {
        if ((action == TRACE || action == TRACE_OFF) && !serverInfo().can(Capability.TRACE)) {
            return Optional.of(text("action.trace.needsVersion").with(serverInfo().describe()));
        }
        if (action == TRACE_OFF && traceSettingsOf(session).isEmpty()) {
            return Optional.of(text("action.traceOff.notTracing"));
        }
        return super.unavailable(action, session);
    }

    @Override
    public Map<String, String> parameterDefaults(SessionAction action, Session session) {
        if (action != TRACE) {
            return Map.of();
        }
        return traceSettingsOf(session).map(t -> Map.of(LEVEL.id(), Integer.toString(t.level()),
                SAMPLE.id(), BigDecimal.valueOf(t.samplePercentage()).stripTrailingZeros().toPlainString(),
                POLICY.id(), t.recordPolicy().name())).orElse(Map.of());
    }

    @Override
    public ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters) throws SourceException {
        if (action == TRACE) {
            TraceSettings settings;
            try {
                settings = new TraceSettings(Integer.parseInt(parameters.getOrDefault(LEVEL.id(), "").strip()),
                        Double.parseDouble(parameters.getOrDefault(SAMPLE.id(), "").strip().replace(',', '.')),
                        TraceSettings.RecordPolicy.parse(parameters.getOrDefault(POLICY.id(), "")));
            } catch (IllegalArgumentException e) {
                throw new SourceException(Kind.REFUSED, text("failure.traceSettings").with(key.id(), e.getMessage()), e);
            }
            enableTrace(key, settings);
            return new ActionResult(key, true, text("trace.enabled").with(String.valueOf(settings.level()),
                    BigDecimal.valueOf(settings.samplePercentage()).stripTrailingZeros().toPlainString(),
                    settings.recordPolicy().name()));
        }
        if (action == TRACE_OFF) {
            disableTrace(key);
            return new ActionResult(key, true, text("trace.disabled"));
        }
        return super.perform(action, key, parameters);
    }

    /** The running plan from DBMS_XPLAN, else the plan cache's by SQL ID ({@link OceanBasePlans}). */
    @Override
    public ExecutionPlan plan(SessionKey key) throws SourceException {
        return new OceanBasePlans(name(), serverInfo(), pool).plan(key);
    }

    @Override
    public Optional<Text> planUnavailable(Session session) {
        return new OceanBasePlans(name(), serverInfo(), pool).unavailable(session);
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
        return Session.builder(new SessionKey(name(), server, id, identity(user, host), OptionalLong.empty()))
                .user(user)
                .source(clientIp != null && !clientIp.isEmpty() ? clientIp : host)
                .database(rs.getString(4))
                .command(command)
                .executionTime(seconds(rs.getBigDecimal(6)))
                .state(state(rs.getString(7), command))
                .sql(rs.getString(8))
                .set(OceanBaseAttributes.OB_SERVER, server)
                .set(OceanBaseAttributes.OB_PROXY, proxySessid == null ? null : host)
                .set(OceanBaseAttributes.SQL_ID, rs.getString(13))
                .set(OceanBaseAttributes.TRACE_ID, rs.getString(14))
                .set(StandardAttributes.TRANSACTION_STATE, rs.getString(15))
                .set(OceanBaseAttributes.TRANSACTION_ID, whole(rs.getString(16)))
                .set(OceanBaseAttributes.PROXY_SESSION_ID, whole(proxySessid))
                .set(OceanBaseAttributes.CPU_TIME, seconds(decimal(rs.getString(17))))
                .set(OceanBaseAttributes.RETRY_COUNT, whole(rs.getString(18)))
                .set(OceanBaseAttributes.BYTES_IN, whole(rs.getString(19)))
                .set(OceanBaseAttributes.BYTES_OUT, whole(rs.getString(20)))
                .set(OceanBaseAttributes.TRACE_LEVEL, positive(whole(rs.getString(21))))
                .set(OceanBaseAttributes.TRACE_SAMPLE, traceSample(rs.getString(21), rs.getString(22)))
                .set(OceanBaseAttributes.TRACE_POLICY, positive(whole(rs.getString(21))) == null ? null : rs.getString(23))
                .set(OceanBaseAttributes.TENANT, rs.getString(24))
                .set(StandardAttributes.MEMORY, whole(rs.getString(25)))
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
                .set(OceanBaseAttributes.OB_SERVER, server)
                .set(OceanBaseAttributes.TENANT, tenant)
                .own(own.test(id))
                .build();
    }

    private static Duration seconds(BigDecimal s) {
        return s == null ? null : Duration.ofNanos(s.movePointRight(9).longValue());
    }

    /** A view's number as text, or null when absent or not a number (a column of another type in some version). */
    private static BigDecimal decimal(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long whole(String v) {
        BigDecimal d = decimal(v);
        try {
            return d == null ? null : d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Long positive(Long v) {
        return v == null || v <= 0 ? null : v;
    }

    /**
     * {@code SAMPLE_PERCENTAGE} in percent, absent while tracing is off. Why the split at 1: the
     * server keeps the share as a fraction (0..1]; a view that reports it in percent says more than
     * 1. Not verified against a live 4.2 (docs/oceanbase.md).
     */
    private static Double traceSample(String level, String sample) {
        BigDecimal p = decimal(sample);
        if (positive(whole(level)) == null || p == null || p.signum() <= 0) {
            return null;
        }
        double v = p.doubleValue();
        return v <= 1 ? v * 100 : v;
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
        sorted.sort(Comparator.comparingLong((Session s) -> s.key().numericId())
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
            ps.setLong(1, key.numericId());
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
                .filter(s -> s.id().equals(key.id()) && (key.server().isEmpty() || key.server().equals(s.key().server())))
                .min(Comparator.comparing(s -> !s.isActive()));
    }

    @Override
    protected void executeKill(Connection c, SessionKey key, Optional<Session> target, String sql)
            throws SQLException, SourceException {
        Optional<String> server = target.flatMap(s -> s.attribute(OceanBaseAttributes.OB_SERVER))
                .or(() -> key.server().isEmpty() ? Optional.empty() : Optional.of(key.server()));
        router.run(ObServerRouter.Purpose.KILL, runner(c), sql, new Object[0], server);
    }

    /**
     * The trace settings a listed session carries ({@code LEVEL}, {@code SAMPLE_PERCENTAGE},
     * {@code RECORD_POLICY} of {@code GV$OB_PROCESSLIST}); empty when tracing is off, the columns are
     * missing, or the session is not OceanBase's.
     */
    public static Optional<TraceSettings> traceSettingsOf(Session session) {
        Optional<Long> level = session.attribute(OceanBaseAttributes.TRACE_LEVEL);
        Optional<Double> pct = session.attribute(OceanBaseAttributes.TRACE_SAMPLE);
        Optional<String> policy = session.attribute(OceanBaseAttributes.TRACE_POLICY);
        if (level.isEmpty() || pct.isEmpty() || policy.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TraceSettings(level.get().intValue(), pct.get(),
                    TraceSettings.RecordPolicy.parse(policy.get())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Enables tracing on the OBServer hosting the session.
     *
     * @throws SourceException {@code UNSUPPORTED} below 4.2.1, {@code SESSION_GONE} when the session
     *                         ended, {@code PRIVILEGE}, {@code UNREACHABLE} when the hosting OBServer
     *                         cannot be reached directly, {@code REFUSED} for an id that is no thread id
     */
    public void enableTrace(SessionKey key, TraceSettings settings) throws SourceException {
        trace(key, TRACE_ENABLE, new Object[] {settings.level(), BigDecimal.valueOf(settings.sampleFraction()),
                settings.recordPolicy().name()}, "what.traceOn");
    }

    /** Disables tracing; same failures as {@link #enableTrace}. */
    public void disableTrace(SessionKey key) throws SourceException {
        trace(key, TRACE_DISABLE, new Object[0], "what.traceOff");
    }

    /** Runs {@code sql} with the session's thread id, then {@code settings}, as its parameters. */
    private void trace(SessionKey key, String sql, Object[] settings, String verb) throws SourceException {
        Text what = text(verb).with(key.id(), name());
        // Why checked here: ids are text now, and a worded one must be refused, not thrown as unchecked
        Object[] params = new Object[settings.length + 1];
        params[0] = KillVerification.numericId(key, what);
        System.arraycopy(settings, 0, params, 1, settings.length);
        if (!serverInfo().can(Capability.TRACE)) {
            throw new SourceException(Kind.UNSUPPORTED, SourceText.of("failure.withReason", what,
                    "end-to-end tracing needs OceanBase 4.2.1 or later, this is " + serverInfo().version()));
        }
        pool.withConnection(what, pool.killBound(), c -> {
            Optional<Session> target = read(c, key);
            if (target.isEmpty()) {
                throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.gone", what));
            }
            return router.run(ObServerRouter.Purpose.TRACE, runner(c), sql, params,
                    target.get().attribute(OceanBaseAttributes.OB_SERVER));
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
