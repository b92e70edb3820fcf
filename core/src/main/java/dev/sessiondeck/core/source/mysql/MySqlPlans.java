package dev.sessiondeck.core.source.mysql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.model.Capability;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of the statement a MySQL session runs (5.7 and later), read with {@code EXPLAIN FOR
 * CONNECTION} (MySQL Reference Manual, "Obtaining Execution Plan Information for a Named
 * Connection"): the plan the server uses now, which may differ from an EXPLAIN of the same text.
 * From 8.0.16 in {@code FORMAT=TREE} (the manual's "EXPLAIN Statement", TREE format), before that in
 * {@code FORMAT=JSON}, which carries the costs the traditional table lacks.
 *
 * <p>What the manual says and how it reads here: the result is empty when the session runs no
 * statement (the session is idle); only SELECT, DELETE, INSERT, REPLACE and UPDATE can be explained,
 * and not as prepared statements (error {@value #EXPLAIN_NOT_SUPPORTED}, 1889 in early 5.7: "not
 * explainable"); another user's session needs the {@code PROCESS} privilege, and the user needs the
 * privileges to explain the statement itself. Ids are formatted with {@code %d}.
 *
 * <p>MariaDB reads its plans its own way ({@link dev.sessiondeck.core.source.mariadb.MariaDbPlans})
 * through the same steps: read the session again, then explain.
 */
public class MySqlPlans {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlPlans.class);
    static final String MESSAGES = "dev.sessiondeck.core.source.mysql.messages";

    static final String EXPLAIN_TREE = "EXPLAIN FORMAT=TREE FOR CONNECTION %d";
    static final String EXPLAIN_JSON = "EXPLAIN FORMAT=JSON FOR CONNECTION %d";

    /** ER_EXPLAIN_NOT_SUPPORTED, "EXPLAIN FOR CONNECTION command is supported only for SELECT/UPDATE/INSERT/DELETE/REPLACE". */
    static final int EXPLAIN_NOT_SUPPORTED = 3012;
    /** The same error as numbered in early 5.7 releases (the 5.7 manual's example). */
    static final int EXPLAIN_NOT_SUPPORTED_57 = 1889;
    /** ER_PARSE_ERROR and ER_NOT_SUPPORTED_YET: a server that does not take FORMAT=TREE with FOR CONNECTION. */
    static final int PARSE_ERROR = 1064;
    static final int NOT_SUPPORTED_YET = 1235;
    /** ER_COLUMNACCESS_DENIED_ERROR. */
    static final int COLUMN_ACCESS_DENIED = 1143;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the session a key names again, on the given connection (the source's own read). */
    @FunctionalInterface
    public interface SessionReader {
        Optional<Session> read(Connection c, SessionKey key) throws SQLException, SourceException;
    }

    protected final String name;
    protected final ServerInfo info;
    protected final ConnectionPool pool;
    private final SessionReader reader;

    public MySqlPlans(String name, ServerInfo info, ConnectionPool pool, SessionReader reader) {
        this.name = name;
        this.info = info;
        this.pool = pool;
        this.reader = reader;
    }

    protected static Text text(String key) {
        return Text.of(MESSAGES, key);
    }

    /**
     * Why the session as listed can have no plan, without asking the server: a server too old, or a
     * session that runs nothing.
     */
    public Optional<Text> unavailable(Session session) {
        Optional<ExecutionPlan> none = unsupported();
        if (none.isPresent()) {
            return none.get().unavailable();
        }
        return session.isActive() ? Optional.empty() : ExecutionPlan.idle().unavailable();
    }

    /** A plan that cannot be had on this server at all; empty when the server shows plans. */
    protected Optional<ExecutionPlan> unsupported() {
        if (!info.can(Capability.EXPLAIN_FOR_CONNECTION)) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_SUPPORTED, text("plan.needsVersion").with(info.describe())));
        }
        return Optional.empty();
    }

    /**
     * The plan of what the session {@code key} names runs now: reads the session again (an ended
     * session, or an id that now names another, is {@link ExecutionPlan#gone()}; one that runs nothing
     * {@link ExecutionPlan#idle()}), then asks the server. A session the user cannot see (another
     * user's, without {@code PROCESS}) is asked all the same: the server's answer says which it is.
     *
     * @throws SourceException {@code REFUSED} for a key of another data source or an id that is no
     *                         number; {@code UNREACHABLE}, {@code TIMEOUT} and the like when the server
     *                         cannot be asked
     */
    public ExecutionPlan plan(SessionKey key) throws SourceException {
        Text what = SourceText.of("what.plan", key.id(), name);
        if (!key.dataSource().equals(name)) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.otherDataSource", what,
                    key.dataSource()));
        }
        long id = KillVerification.numericId(key, what);
        Optional<ExecutionPlan> none = unsupported();
        if (none.isPresent()) {
            return none.get();
        }
        return pool.withConnection(what, c -> {
            Optional<Session> target = reader.read(c, key);
            if (target.isPresent()) {
                Session now = target.get();
                if (key.hasIdentity() && !key.identity().equals(now.key().identity())) {
                    return ExecutionPlan.gone();
                }
                if (!now.isActive()) {
                    return ExecutionPlan.idle();
                }
            }
            try {
                return explain(c, id, target);
            } catch (SQLException e) {
                Optional<ExecutionPlan> worded = refused(c, key, e);
                if (worded.isEmpty()) {
                    throw e;
                }
                LOG.debug("No plan of session {} on {}: {}", key.id(), name, SqlErrors.firstLine(e.getMessage()));
                return worded.get();
            }
        });
    }

    /**
     * Asks the server for the plan of session {@code id}.
     *
     * @param target the session as just read again; empty when the user cannot see it
     * @throws SQLException as the server refused; {@link #refused} words what the user should read
     */
    protected ExecutionPlan explain(Connection c, long id, Optional<Session> target) throws SQLException {
        boolean tree = info.version().atLeast(8, 0, 16);
        if (tree) {
            try {
                Optional<String> text = single(c, String.format(EXPLAIN_TREE, id));
                return text.map(t -> ExecutionPlan.of(parseTree(t), t, "tree", true, Optional.empty()))
                        .orElseGet(() -> target.isPresent() ? ExecutionPlan.idle() : ExecutionPlan.gone());
            } catch (SQLException e) {
                if (e.getErrorCode() != PARSE_ERROR && e.getErrorCode() != NOT_SUPPORTED_YET) {
                    throw e;
                }
                // a server that does not take FORMAT=TREE here: JSON says as much
                LOG.debug("{} takes no FORMAT=TREE FOR CONNECTION ({}); asking for JSON", name, e.getMessage());
            }
        }
        Optional<String> json = single(c, String.format(EXPLAIN_JSON, id));
        if (json.isEmpty()) {
            return target.isPresent() ? ExecutionPlan.idle() : ExecutionPlan.gone();
        }
        List<Step> steps;
        try {
            steps = parseJson(json.get());
        } catch (JsonProcessingException e) {
            LOG.warn("{} gave a plan that is no JSON; shown as text only: {}", name, e.getOriginalMessage());
            steps = List.of();
        }
        return ExecutionPlan.of(steps, json.get(), "json", true, Optional.empty());
    }

    /** The first column of the first row, or empty without a row. */
    protected final Optional<String> single(Connection c, String sql) throws SQLException {
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * What a refused EXPLAIN says to the user, where it says something about the session rather than
     * a failure: the session has ended, its statement cannot be explained, a privilege is missing.
     * Empty for anything else, which is then reported as a failure.
     */
    protected Optional<ExecutionPlan> refused(Connection c, SessionKey key, SQLException e) throws SQLException, SourceException {
        return switch (e.getErrorCode()) {
            case MySqlErrors.NO_SUCH_THREAD -> Optional.of(ExecutionPlan.gone());
            case EXPLAIN_NOT_SUPPORTED, EXPLAIN_NOT_SUPPORTED_57 ->
                    Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.notExplainable")));
            case MySqlErrors.KILL_DENIED, MySqlErrors.SPECIFIC_ACCESS_DENIED, MySqlErrors.DATABASE_ACCESS_DENIED ->
                    Optional.of(ExecutionPlan.unavailable(Missing.PRIVILEGE, text("plan.needsProcess")
                            .with(SqlErrors.firstLine(e.getMessage()))));
            case MySqlErrors.TABLE_ACCESS_DENIED, COLUMN_ACCESS_DENIED ->
                    Optional.of(ExecutionPlan.unavailable(Missing.PRIVILEGE, text("plan.needsTableAccess")
                            .with(SqlErrors.firstLine(e.getMessage()))));
            default -> Optional.empty();
        };
    }

    // ------------------------------------------------------------------ TREE

    /** A line of FORMAT=TREE: its indentation (four spaces a level), then "-> " and the step. */
    private static final Pattern TREE_LINE = Pattern.compile("^( *)-> (.*)$");
    /** The estimates at the end of a step: "(cost=1.15 rows=9)"; the newer optimizer writes "cost=0.25..2.75". */
    private static final Pattern ESTIMATES = Pattern.compile("\\s+\\(((?:cost|rows)=[^()]*)\\)\\s*$");
    private static final Pattern ESTIMATE = Pattern.compile("(cost|rows)=([-+0-9.eE]+(?:\\.\\.[-+0-9.eE]+)?)");
    /** "Table scan on t1", "Index lookup on t2 using a (a=t1.a)": what it does, on which table, with which index. */
    private static final Pattern ON_TABLE = Pattern.compile("^([^:]*?) on (\\S+)(?: using (\\S+))?(.*)$");
    /** "Inner hash join (t2.a = t1.a)": the step, and its condition in brackets. */
    private static final Pattern WITH_CONDITION = Pattern.compile("^([^(]+?) \\((.*)\\)$");

    /**
     * The steps of a plan in FORMAT=TREE (MySQL Reference Manual, "EXPLAIN Statement", "Obtaining
     * Information with EXPLAIN ANALYZE" shows the same tree): one step a line, four spaces of
     * indentation a level, the estimates in brackets at the end.
     */
    public static List<Step> parseTree(String text) {
        List<Step> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = TREE_LINE.matcher(line);
            if (!m.matches()) {
                if (!line.isBlank() && !out.isEmpty()) {
                    // a line that continues the step above (a long condition)
                    Step last = out.remove(out.size() - 1);
                    out.add(new Step(last.depth(), last.operation(), last.object(), last.rows(), last.cost(),
                            (last.detail().english() + " " + line.strip()).strip()));
                }
                continue;
            }
            int depth = m.group(1).length() / 4;
            String body = m.group(2).strip();
            Optional<Double> cost = Optional.empty();
            Optional<Double> rows = Optional.empty();
            Matcher estimates = ESTIMATES.matcher(body);
            if (estimates.find()) {
                Matcher e = ESTIMATE.matcher(estimates.group(1));
                while (e.find()) {
                    Optional<Double> v = number(e.group(2));
                    if (e.group(1).equals("cost")) {
                        cost = v;
                    } else {
                        rows = v;
                    }
                }
                body = body.substring(0, estimates.start()).strip();
            }
            out.add(treeStep(depth, body, rows, cost));
        }
        return out;
    }

    private static Step treeStep(int depth, String body, Optional<Double> rows, Optional<Double> cost) {
        Matcher on = ON_TABLE.matcher(body);
        if (on.matches()) {
            String detail = ((on.group(3) == null ? "" : "using " + on.group(3)) + on.group(4)).strip();
            return new Step(depth, on.group(1).strip(), on.group(2), rows, cost, detail);
        }
        int colon = body.indexOf(": ");
        if (colon > 0) {
            return new Step(depth, body.substring(0, colon), "", rows, cost, body.substring(colon + 2).strip());
        }
        Matcher condition = WITH_CONDITION.matcher(body);
        if (condition.matches()) {
            return new Step(depth, condition.group(1), "", rows, cost, condition.group(2));
        }
        return new Step(depth, body, "", rows, cost, "");
    }

    /** A number, or for a range "a..b" its upper end; empty when unreadable. */
    private static Optional<Double> number(String v) {
        String last = v.contains("..") ? v.substring(v.lastIndexOf("..") + 2) : v;
        try {
            return Optional.of(Double.parseDouble(last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The steps of a plan in FORMAT=JSON as MySQL 5.7 and 8.0 write it (MySQL Reference Manual,
     * "EXPLAIN Output Format"; the members as in the 5.7 manual's examples): a step for each
     * {@code query_block} (its cost the query cost), {@code table} (access type, table, rows examined
     * per scan, prefix cost), {@code nested_loop}, {@code ordering_operation},
     * {@code grouping_operation}, {@code duplicates_removal}, {@code windowing}, {@code union_result}
     * and {@code materialized_from_subquery}; every other member is searched for more.
     *
     * @throws JsonProcessingException when the text is no JSON
     */
    public static List<Step> parseJson(String json) throws JsonProcessingException {
        List<Step> out = new ArrayList<>();
        walk(JSON.readTree(json), 0, out);
        return out;
    }

    private static void walk(JsonNode node, int depth, List<Step> out) {
        if (node.isArray()) {
            node.forEach(e -> walk(e, depth, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "query_block" -> {
                    String op = v.has("select_id") ? "Select #" + v.get("select_id").asText() : "Query block";
                    out.add(new Step(depth, op, "", Optional.empty(), decimal(v.path("cost_info").path("query_cost")),
                            v.path("message").asText("")));
                    walk(v, depth + 1, out);
                }
                case "table" -> {
                    out.add(new Step(depth, PlanTable.accessType(v.path("access_type").asText("table")), v.path("table_name").asText(""),
                            decimal(v.path("rows_examined_per_scan")),
                            decimal(v.path("cost_info").path("prefix_cost")).or(() -> decimal(v.path("cost_info").path("read_cost"))),
                            tableDetail(v)));
                    walk(v, depth + 1, out);
                }
                case "nested_loop" -> {
                    out.add(new Step(depth, "Nested loop", "", Optional.empty(), Optional.empty(), ""));
                    walk(v, depth + 1, out);
                }
                case "ordering_operation", "grouping_operation", "duplicates_removal", "windowing" -> {
                    out.add(new Step(depth, words(f.getKey()), "", Optional.empty(), Optional.empty(), flags(v)));
                    walk(v, depth + 1, out);
                }
                case "union_result" -> {
                    out.add(new Step(depth, "Union result", v.path("table_name").asText(""), Optional.empty(),
                            Optional.empty(), flags(v)));
                    walk(v, depth + 1, out);
                }
                case "materialized_from_subquery" -> {
                    out.add(new Step(depth, "Materialized subquery", "", Optional.empty(), Optional.empty(), flags(v)));
                    walk(v, depth + 1, out);
                }
                default -> walk(v, depth, out);
            }
        }
    }

    /** The key used, the condition and the other things the table step says. */
    private static Text tableDetail(JsonNode t) {
        List<Text> parts = new ArrayList<>();
        if (t.hasNonNull("key")) {
            parts.add(Text.verbatim("key " + t.get("key").asText()));
        }
        if (t.has("ref") && t.get("ref").isArray()) {
            List<String> refs = new ArrayList<>();
            t.get("ref").forEach(r -> refs.add(r.asText()));
            parts.add(Text.verbatim("ref " + String.join(", ", refs)));
        }
        if (t.hasNonNull("filtered") && !t.get("filtered").asText().equals("100.00")) {
            parts.add(text("plan.filtered").with(t.get("filtered").asText()));
        }
        String f = flags(t);
        if (!f.isEmpty()) {
            parts.add(Text.verbatim(f));
        }
        if (t.hasNonNull("attached_condition")) {
            parts.add(text("plan.condition").with(t.get("attached_condition").asText()));
        }
        return Text.join(parts);
    }

    /** The true flags of a step, as words: "using filesort", "using temporary table". */
    private static String flags(JsonNode v) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isBoolean() && f.getValue().booleanValue()) {
                out.add(words(f.getKey()));
            }
        }
        return String.join(", ", out);
    }

    private static String words(String member) {
        String w = member.replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static Optional<Double> decimal(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.doubleValue());
        }
        if (n.isTextual()) {
            return number(n.asText());
        }
        return Optional.empty();
    }
}
