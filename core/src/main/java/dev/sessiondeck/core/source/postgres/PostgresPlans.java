package dev.sessiondeck.core.source.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan for the statement a PostgreSQL session runs. PostgreSQL cannot show another backend's plan
 * (core has no such function; the manual's "Using EXPLAIN" explains only statements one gives it), so
 * SessionDeck explains the same text again, on its own connection, now: {@link ExecutionPlan#running()}
 * is false and the note says so. The estimate may differ from the running plan (statistics changed,
 * another search_path or role, other settings).
 *
 * <p>Only a single SELECT is explained ({@link PostgresQueryText}); never with ANALYZE, which would run
 * it. It runs in a read-only transaction that is rolled back, with the query timeout. A text with
 * {@code $n} parameters (a prepared statement, the extended protocol) is explained with
 * {@code EXPLAIN (GENERIC_PLAN)} from PostgreSQL 16 ("EXPLAIN", GENERIC_PLAN); older servers cannot.
 * The tree comes from {@code FORMAT JSON} (nodes with "Node Type", "Relation Name", "Plan Rows",
 * "Total Cost" and their "Plans"), the text to copy from the plain format.
 */
final class PostgresPlans {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresPlans.class);
    private static final String BUNDLE = "dev.sessiondeck.core.source.postgres.messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The session again, with what the checks need: its state and text, its database beside ours, its
     * start (the identity), and whether its text may have been cut at {@code track_activity_query_size}
     * ("Run-time Statistics"; the text is cut to that many bytes less one; {@code pg_settings} gives it in
     * bytes, where {@code current_setting} writes "1kB").
     */
    static final String READ_SESSION = """
            SELECT a.state, a.query, a.datname, current_database(), a.backend_start,
                   octet_length(a.query) >= (SELECT setting::int FROM pg_settings WHERE name = 'track_activity_query_size') - 1
            FROM pg_stat_activity a WHERE a.pid = ?""";
    static final String READ_ONLY = "SET TRANSACTION READ ONLY";
    static final String EXPLAIN_JSON = "EXPLAIN (FORMAT JSON) ";
    static final String EXPLAIN_TEXT = "EXPLAIN ";
    static final String EXPLAIN_GENERIC_JSON = "EXPLAIN (GENERIC_PLAN, FORMAT JSON) ";
    static final String EXPLAIN_GENERIC_TEXT = "EXPLAIN (GENERIC_PLAN) ";

    private final String name;
    private final ServerInfo info;
    private final ConnectionPool pool;

    PostgresPlans(String name, ServerInfo info, ConnectionPool pool) {
        this.name = name;
        this.info = info;
        this.pool = pool;
    }

    private static Text text(String key) {
        return Text.of(BUNDLE, key);
    }

    /** {@code EXPLAIN (GENERIC_PLAN)} came with 16 (release notes of 16). */
    private boolean generic() {
        return info.version().major() >= 16;
    }

    /**
     * Why the session as listed gets no plan, without asking the server and without reading its whole
     * text: hidden from the user, idle, or a first word other than SELECT or WITH.
     */
    Optional<Text> unavailable(Session session) {
        if (PostgresSessionSource.isHidden(session)) {
            return Optional.of(text("plan.hidden"));
        }
        if (session.state() != SessionState.ACTIVE) {
            return ExecutionPlan.idle().unavailable();
        }
        String first = PostgresQueryText.firstWord(session.sql().orElse(""));
        if (!first.equals("SELECT") && !first.equals("WITH")) {
            return Optional.of(text("plan.onlySelect"));
        }
        return Optional.empty();
    }

    ExecutionPlan plan(SessionKey key) throws SourceException {
        Text what = SourceText.of("what.plan", key.id(), name);
        if (!key.dataSource().equals(name)) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.otherDataSource", what,
                    key.dataSource()));
        }
        long pid = KillVerification.numericId(key, what);
        return pool.withConnection(what, c -> {
            Target t;
            try (PreparedStatement ps = pool.prepare(c, READ_SESSION)) {
                ps.setLong(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return ExecutionPlan.gone();
                    }
                    t = new Target(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6));
                }
            }
            Optional<ExecutionPlan> refused = check(key, t);
            return refused.isPresent() ? refused.get() : explain(c, PostgresQueryText.read(t.query()), key);
        });
    }

    /** The session as read again for its plan. */
    private record Target(String state, String query, String database, String ourDatabase, OffsetDateTime start,
                          boolean maybeCut) {
    }

    /** Every reason not to explain the session's text, before anything is sent. */
    private Optional<ExecutionPlan> check(SessionKey key, Target t) {
        if (PostgresSessionSource.INSUFFICIENT_PRIVILEGE.equals(t.query())) {
            return Optional.of(ExecutionPlan.unavailable(Missing.PRIVILEGE, text("plan.hidden")));
        }
        if (key.hasIdentity() && !key.identity().equals(PostgresSessionSource.identity(t.start() == null ? null : t.start().toInstant()))) {
            return Optional.of(ExecutionPlan.gone());
        }
        if (!"active".equals(t.state()) || t.query() == null || t.query().isBlank()) {
            return Optional.of(ExecutionPlan.idle());
        }
        if (t.database() != null && !t.database().equals(t.ourDatabase())) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE,
                    text("plan.otherDatabase").with(t.database(), t.ourDatabase())));
        }
        PostgresQueryText q = PostgresQueryText.read(t.query());
        if (t.maybeCut() || q.unreadable()) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.cut")));
        }
        if (q.kind() != PostgresQueryText.Kind.SELECT) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.onlySelect")));
        }
        if (q.several()) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.several")));
        }
        if (q.parameters() && !generic()) {
            return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE,
                    text("plan.parametersNeed16").with(info.describe())));
        }
        return Optional.empty();
    }

    /**
     * Explains the text in a read-only transaction that is rolled back: JSON for the steps, the plain
     * format for Copy. What PostgreSQL says against the text (a table of another search_path, a missing
     * privilege) comes back as words; a broken connection or the query timeout as a failure.
     */
    private ExecutionPlan explain(Connection c, PostgresQueryText q, SessionKey key) throws SQLException {
        boolean generic = q.parameters();
        String json;
        StringBuilder plain = new StringBuilder();
        boolean autoCommit = c.getAutoCommit();
        try {
            c.setAutoCommit(false);
            // Why a Statement and no PreparedStatement: the text is another session's, whose "?" are
            // operators (jsonb ?), not placeholders; its "$n" are left to GENERIC_PLAN.
            try (Statement st = pool.statement(c)) {
                st.execute(READ_ONLY);
                try (ResultSet rs = st.executeQuery((generic ? EXPLAIN_GENERIC_JSON : EXPLAIN_JSON) + q.statement())) {
                    rs.next();
                    json = rs.getString(1);
                }
                try (ResultSet rs = st.executeQuery((generic ? EXPLAIN_GENERIC_TEXT : EXPLAIN_TEXT) + q.statement())) {
                    while (rs.next()) {
                        plain.append(rs.getString(1)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            Optional<ExecutionPlan> worded = refused(e);
            if (worded.isEmpty()) {
                throw e;
            }
            LOG.debug("No plan of session {} on {}: {}", key.id(), name, SqlErrors.firstLine(e.getMessage()));
            return worded.get();
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                LOG.debug("Cannot end the read-only transaction on {}: {}", name, e.getMessage());
            }
        }
        List<Step> steps;
        try {
            steps = parseJson(json);
        } catch (JsonProcessingException e) {
            LOG.warn("{} gave a plan that is no JSON; shown as text only: {}", name, e.getOriginalMessage());
            steps = List.of();
        }
        return ExecutionPlan.of(steps, plain.toString(), "text", false,
                Optional.of(text(generic ? "plan.genericNow" : "plan.madeNow")));
    }

    /** What PostgreSQL said against the text, as words; empty for a failure of the connection or a timeout. */
    private static Optional<ExecutionPlan> refused(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08: connection failures; 57: operator intervention (57014: our query timeout); 53: resources
        if (state.isEmpty() || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
            return Optional.empty();
        }
        String server = SqlErrors.firstLine(e.getMessage());
        if (state.equals(PostgresErrors.INSUFFICIENT_PRIVILEGE)) {
            return Optional.of(ExecutionPlan.unavailable(Missing.PRIVILEGE, text("plan.needsPrivilege").with(server)));
        }
        return Optional.of(ExecutionPlan.unavailable(Missing.NOT_EXPLAINABLE, text("plan.failed").with(server)));
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The steps of {@code EXPLAIN (FORMAT JSON)} (PostgreSQL manual, "EXPLAIN"; the node members as
     * the server writes them): a list of one object whose "Plan" is the top node, each node's children
     * in "Plans". A step's operation reads as in the plain format (Hash Left Join, HashAggregate,
     * Parallel Seq Scan, Index Scan Backward), its object is the relation (schema-qualified when the
     * plan says so, with its alias), CTE or function, its rows "Plan Rows", its cost "Total Cost",
     * and its detail the index, conditions, keys and filters.
     *
     * @throws JsonProcessingException when the text is no JSON
     */
    static List<Step> parseJson(String json) throws JsonProcessingException {
        List<Step> out = new ArrayList<>();
        JsonNode root = JSON.readTree(json);
        JsonNode first = root.isArray() ? root.path(0) : root;
        node(first.path("Plan"), 0, out);
        return out;
    }

    private static void node(JsonNode n, int depth, List<Step> out) {
        if (!n.isObject()) {
            return;
        }
        out.add(new Step(depth, operation(n), object(n), number(n.path("Plan Rows")), number(n.path("Total Cost")), detail(n)));
        n.path("Plans").forEach(child -> node(child, depth + 1, out));
    }

    static String operation(JsonNode n) {
        String type = n.path("Node Type").asText("?");
        String strategy = n.path("Strategy").asText("");
        if (type.equals("Aggregate")) {
            type = switch (strategy) {
                case "Sorted" -> "GroupAggregate";
                case "Hashed" -> "HashAggregate";
                case "Mixed" -> "MixedAggregate";
                default -> type;
            };
        } else if (type.equals("SetOp") && strategy.equals("Hashed")) {
            type = "HashSetOp";
        }
        String join = n.path("Join Type").asText("");
        if (!join.isEmpty() && !join.equals("Inner")) {
            type = type.endsWith(" Join") ? type.substring(0, type.length() - 5) + " " + join + " Join"
                    : type + " " + join + " Join";
        }
        if (n.path("Parallel Aware").asBoolean(false)) {
            type = "Parallel " + type;
        }
        if (n.path("Scan Direction").asText("").equals("Backward")) {
            type = type + " Backward";
        }
        return type;
    }

    private static String object(JsonNode n) {
        if (n.hasNonNull("Relation Name")) {
            String rel = n.hasNonNull("Schema") ? n.get("Schema").asText() + "." + n.get("Relation Name").asText()
                    : n.get("Relation Name").asText();
            String alias = n.path("Alias").asText("");
            return alias.isEmpty() || alias.equals(n.get("Relation Name").asText()) ? rel : rel + " " + alias;
        }
        if (n.hasNonNull("CTE Name")) {
            return n.get("CTE Name").asText();
        }
        if (n.hasNonNull("Function Name")) {
            return n.get("Function Name").asText() + "()";
        }
        if (n.path("Node Type").asText("").equals("Subquery Scan")) {
            return n.path("Alias").asText("");
        }
        return "";
    }

    /** The members of a node, in this order, that the plain format prints below it. */
    private static final List<String> DETAILS = List.of("Subplan Name", "Index Name", "Index Cond", "Recheck Cond",
            "Hash Cond", "Merge Cond", "Join Filter", "Filter", "One-Time Filter", "Sort Key", "Group Key",
            "Presorted Key", "Workers Planned", "Cache Key");

    private static String detail(JsonNode n) {
        List<String> parts = new ArrayList<>();
        for (String member : DETAILS) {
            JsonNode v = n.get(member);
            if (v == null || v.isNull()) {
                continue;
            }
            String value;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                value = String.join(", ", items);
            } else {
                value = v.asText();
            }
            parts.add(member.equals("Index Name") ? "using " + value
                    : member.equals("Subplan Name") ? value : member + ": " + value);
        }
        return String.join("; ", parts);
    }

    private static Optional<Double> number(JsonNode n) {
        return n.isNumber() ? Optional.of(n.doubleValue()) : Optional.empty();
    }
}
