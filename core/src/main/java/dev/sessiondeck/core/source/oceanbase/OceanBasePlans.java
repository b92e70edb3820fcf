package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import dev.sessiondeck.core.source.mysql.MySqlErrors;
import dev.sessiondeck.core.source.mysql.PlanTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of the statement an OceanBase 4.x session runs (MySQL mode), as OCP shows it:
 * <ol>
 *   <li>{@code DBMS_XPLAN.DISPLAY_ACTIVE_SESSION_PLAN(session_id, 'TYPICAL', svr_ip, svr_port)}: the
 *       plan the session runs, with the REAL columns counted so far (OceanBase manual, "DBMS_XPLAN").
 *       In MySQL mode the package function returns one text (its MySQL-mode declaration says
 *       {@code return text}; {@code TABLE(...)} is Oracle mode's form), and {@code svr_port} is the
 *       OBServer's RPC port ({@code GV$OB_PROCESSLIST.SVR_PORT}), not its SQL port. The text is the
 *       plan table of {@code EXPLAIN} ({@link #parseTable}).</li>
 *   <li>Where that function is missing (before it came) or gives nothing, the plan cache: the plan of
 *       the session's SQL ID most recently used on its OBServer ({@code GV$OB_PLAN_CACHE_PLAN_STAT}),
 *       then its operators ({@code GV$OB_PLAN_CACHE_PLAN_EXPLAIN}), which that view gives only with
 *       TENANT_ID, SVR_IP, SVR_PORT and PLAN_ID all in the WHERE clause.</li>
 * </ol>
 * Not verified against a live OceanBase (none runs here): the shapes are recorded after the manual
 * and OceanBase's own formatting code ({@code fixtures/oceanbase/README.md}, {@code docs/oceanbase.md}).
 */
final class OceanBasePlans {

    private static final Logger LOG = LoggerFactory.getLogger(OceanBasePlans.class);

    static final String READ_SESSION = "SELECT `STATE`, `COMMAND`, `USER`, `HOST`, `SQL_ID`, `SVR_IP`, `SVR_PORT`"
            + " FROM oceanbase.GV$OB_PROCESSLIST WHERE `ID` = ?";
    static final String ON_SERVER = " AND `SVR_IP` = ? AND `SQL_PORT` = ?";
    static final String ACTIVE_PLAN = "SELECT DBMS_XPLAN.DISPLAY_ACTIVE_SESSION_PLAN(?, 'TYPICAL', ?, ?)";
    static final String CACHED_PLAN_ID = "SELECT `TENANT_ID`, `PLAN_ID` FROM oceanbase.GV$OB_PLAN_CACHE_PLAN_STAT"
            + " WHERE `SQL_ID` = ? AND `SVR_IP` = ? AND `SVR_PORT` = ? ORDER BY `LAST_ACTIVE_TIME` DESC LIMIT 1";
    static final String CACHED_PLAN = "SELECT `PLAN_DEPTH`, `PLAN_LINE_ID`, `OPERATOR`, `NAME`, `ROWS`, `COST`, `PROPERTY`"
            + " FROM oceanbase.GV$OB_PLAN_CACHE_PLAN_EXPLAIN"
            + " WHERE `TENANT_ID` = ? AND `SVR_IP` = ? AND `SVR_PORT` = ? AND `PLAN_ID` = ? ORDER BY `PLAN_LINE_ID`";

    private final String name;
    private final ServerInfo info;
    private final ConnectionPool pool;

    OceanBasePlans(String name, ServerInfo info, ConnectionPool pool) {
        this.name = name;
        this.info = info;
        this.pool = pool;
    }

    private static Text text(String key) {
        return Text.of(OceanBaseAttributes.BUNDLE, key);
    }

    private boolean v4() {
        return info.version().major() >= 4;
    }

    /** Why the session as listed gets no plan, without asking the server: 3.x, or an idle session. */
    Optional<Text> unavailable(Session session) {
        if (!v4()) {
            return Optional.of(text("plan.needs4").with(info.describe()));
        }
        return session.isActive() ? Optional.empty() : ExecutionPlan.idle().unavailable();
    }

    /** The session as read again: what the checks and the plan queries need. */
    private record Target(boolean active, String identity, String sqlId, String svrIp, int svrPort) {
    }

    ExecutionPlan plan(SessionKey key) throws SourceException {
        Text what = SourceText.of("what.plan", key.id(), name);
        if (!key.dataSource().equals(name)) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.otherDataSource", what,
                    key.dataSource()));
        }
        long id = KillVerification.numericId(key, what);
        if (!v4()) {
            return ExecutionPlan.unavailable(Missing.NOT_SUPPORTED, text("plan.needs4").with(info.describe()));
        }
        return pool.withConnection(what, c -> {
            try {
                Optional<Target> target = read(c, id, key.server());
                if (target.isEmpty() || key.hasIdentity() && !key.identity().equals(target.get().identity())) {
                    return ExecutionPlan.gone();
                }
                Target t = target.get();
                if (!t.active()) {
                    return ExecutionPlan.idle();
                }
                Optional<String> active = activePlan(c, id, t);
                if (active.isPresent()) {
                    return ExecutionPlan.of(parseTable(active.get()), active.get(), "text", true,
                            Optional.of(text("plan.activeNote")));
                }
                return cachedPlan(c, t);
            } catch (SQLException e) {
                int code = e.getErrorCode();
                if (code == MySqlErrors.TABLE_ACCESS_DENIED || code == MySqlErrors.SPECIFIC_ACCESS_DENIED
                        || code == MySqlErrors.DATABASE_ACCESS_DENIED) {
                    return ExecutionPlan.unavailable(Missing.PRIVILEGE,
                            text("plan.needsPrivilege").with(SqlErrors.firstLine(e.getMessage())));
                }
                throw e;
            }
        });
    }

    /** The session's row: on the OBServer the key names, else its active row first. */
    private Optional<Target> read(Connection c, long id, String server) throws SQLException {
        boolean byServer = !server.isEmpty();
        try (PreparedStatement ps = pool.prepare(c, READ_SESSION + (byServer ? ON_SERVER : ""))) {
            ps.setLong(1, id);
            if (byServer) {
                ObServerRouter.HostPort hp = ObServerRouter.HostPort.parse(server);
                ps.setString(2, hp.host());
                ps.setInt(3, hp.port());
            }
            Target found = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(1);
                    String command = rs.getString(2);
                    // as the listing reads it: OceanBase's STATE, the command where STATE says nothing
                    boolean active = "ACTIVE".equalsIgnoreCase(state)
                            || !"SLEEP".equalsIgnoreCase(state) && !"Sleep".equalsIgnoreCase(command);
                    String user = rs.getString(3);
                    String host = rs.getString(4);
                    Target t = new Target(active, (user == null ? "" : user) + "@" + (host == null ? "" : host),
                            rs.getString(5), rs.getString(6), rs.getInt(7));
                    if (found == null || t.active() && !found.active()) {
                        found = t;
                    }
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /** The plan the session runs; empty where the function is missing or has none for it. */
    private Optional<String> activePlan(Connection c, long id, Target t) throws SQLException {
        try (PreparedStatement ps = pool.prepare(c, ACTIVE_PLAN)) {
            ps.setLong(1, id);
            ps.setString(2, t.svrIp());
            ps.setInt(3, t.svrPort());
            try (ResultSet rs = ps.executeQuery()) {
                String text = rs.next() ? rs.getString(1) : null;
                return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || e.getErrorCode() == MySqlErrors.QUERY_INTERRUPTED) {
                throw e;
            }
            // a release without DISPLAY_ACTIVE_SESSION_PLAN: the plan cache still knows the plan
            LOG.debug("{}: no active session plan of session {} ({}); reading the plan cache", name, id,
                    SqlErrors.firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    /** The plan of the session's SQL ID last used on its OBServer, from the plan cache. */
    private ExecutionPlan cachedPlan(Connection c, Target t) throws SQLException {
        if (t.sqlId() == null || t.sqlId().isBlank()) {
            return ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.notCached"));
        }
        long tenant;
        long planId;
        try (PreparedStatement ps = pool.prepare(c, CACHED_PLAN_ID)) {
            ps.setString(1, t.sqlId());
            ps.setString(2, t.svrIp());
            ps.setInt(3, t.svrPort());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.notCached"));
                }
                tenant = rs.getLong(1);
                planId = rs.getLong(2);
            }
        }
        List<CachedOperator> operators = new ArrayList<>();
        try (PreparedStatement ps = pool.prepare(c, CACHED_PLAN)) {
            ps.setLong(1, tenant);
            ps.setString(2, t.svrIp());
            ps.setInt(3, t.svrPort());
            ps.setLong(4, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    operators.add(new CachedOperator(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        if (operators.isEmpty()) {
            return ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.notCached"));
        }
        String server = t.svrIp() + ":" + t.svrPort();
        return ExecutionPlan.of(cachedSteps(operators), cachedText(operators), "text", true,
                Optional.of(text("plan.cachedNote").with(t.sqlId(), Long.toString(planId), server)));
    }

    /** One row of {@code GV$OB_PLAN_CACHE_PLAN_EXPLAIN}, as text. */
    record CachedOperator(int depth, String line, String operator, String name, String rows, String cost, String property) {
    }

    /** The plan cache's operators as steps: the depth it gives, the operator without its indentation. */
    static List<Step> cachedSteps(List<CachedOperator> operators) {
        List<Step> out = new ArrayList<>();
        for (CachedOperator o : operators) {
            out.add(new Step(Math.max(0, o.depth()), o.operator() == null ? "?" : o.operator().strip(),
                    o.name() == null ? "" : o.name().strip(), number(o.rows()), number(o.cost()),
                    o.property() == null ? "" : o.property().strip()));
        }
        return out;
    }

    /** The plan cache's operators as a table to copy, the operators indented by depth. */
    static String cachedText(List<CachedOperator> operators) {
        List<List<String>> rows = new ArrayList<>();
        for (CachedOperator o : operators) {
            String op = "  ".repeat(Math.max(0, o.depth())) + (o.operator() == null ? "" : o.operator().strip());
            rows.add(Arrays.asList(o.line(), op, o.name(), o.rows(), o.cost(), o.property()));
        }
        return new PlanTable(List.of("ID", "OPERATOR", "NAME", "EST.ROWS", "COST", "PROPERTY"), rows).render();
    }

    // ------------------------------------------------------------------ the plan table

    /** An operator's tree prefix from 4.2 on: two characters a level (OceanBase's ObSqlPlan::get_operator_prefix). */
    private static final List<String> TREE_UNITS = List.of("│ ", "├─", "└─", "  ");
    /** A line of "Outputs & filters": "  3 - output([...]), filter(nil)". */
    private static final Pattern OUTPUT_LINE = Pattern.compile("^\\s*(\\d+) - (.*)$");

    /**
     * The steps of OceanBase's plan table, as {@code EXPLAIN} and {@code DBMS_XPLAN} print it: a header
     * row {@code |ID|OPERATOR|NAME|EST.ROWS|EST.TIME(us)|...}, one row an operator, the level in the
     * OPERATOR cell's indentation (from 4.2 drawn with tree lines, two characters a level; before, a
     * space a level), then "Outputs & filters" by operator id. A step's rows are EST.ROWS and its cost
     * EST.TIME(us); REAL.ROWS and REAL.TIME(us) (counts so far, where the plan is the running one) and
     * the outputs and filters are its detail.
     */
    static List<Step> parseTable(String text) {
        String[] lines = text.split("\\R");
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("|")) {
                List<String> cells = cells(lines[i]);
                if (header == null) {
                    header = cells.stream().map(String::strip).toList();
                } else {
                    rows.add(cells);
                }
            } else if (header != null && !rows.isEmpty() && line.startsWith("=")) {
                i++;
                break;
            }
        }
        if (header == null) {
            return List.of();
        }
        Map<String, String> outputs = outputs(Arrays.asList(lines).subList(i, lines.length));
        List<String> columns = header;
        boolean treeLines = rows.stream().anyMatch(r -> cell(r, columns, "OPERATOR").matches("(?s).*[│├└].*"));
        List<Step> out = new ArrayList<>();
        for (List<String> r : rows) {
            String op = cell(r, header, "OPERATOR").stripTrailing();
            int depth = 0;
            int at = 0;
            if (treeLines) {
                while (at + 2 <= op.length() && TREE_UNITS.contains(op.substring(at, at + 2))) {
                    depth++;
                    at += 2;
                }
            } else {
                while (at < op.length() && op.charAt(at) == ' ') {
                    depth++;
                    at++;
                }
            }
            String id = cell(r, header, "ID").strip();
            List<Text> detail = new ArrayList<>();
            String realRows = cell(r, header, "REAL.ROWS").strip();
            if (!realRows.isEmpty()) {
                detail.add(text("plan.soFar").with(realRows, cell(r, header, "REAL.TIME(us)").strip()));
            }
            Optional.ofNullable(outputs.get(id)).map(Text::verbatim).ifPresent(detail::add);
            out.add(new Step(depth, op.substring(at).strip(), cell(r, header, "NAME").strip(),
                    number(cell(r, header, "EST.ROWS")), number(cell(r, header, "EST.TIME(us)")), Text.join(detail)));
        }
        return out;
    }

    /** The cells between the first and the last "|" of a table line, unstripped. */
    private static List<String> cells(String line) {
        int first = line.indexOf('|');
        int last = line.lastIndexOf('|');
        return last <= first ? List.of() : Arrays.asList(line.substring(first + 1, last).split("\\|", -1));
    }

    private static String cell(List<String> row, List<String> header, String column) {
        int i = header.indexOf(column);
        return i < 0 || i >= row.size() ? "" : row.get(i);
    }

    /** "Outputs & filters" by operator id, each operator's lines joined. */
    private static Map<String, String> outputs(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        String current = null;
        for (String line : lines) {
            Matcher m = OUTPUT_LINE.matcher(line);
            if (m.matches()) {
                current = m.group(1);
                out.put(current, m.group(2).strip());
            } else if (current != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                out.put(current, out.get(current) + " " + line.strip());
            }
        }
        return out;
    }

    private static Optional<Double> number(String v) {
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
