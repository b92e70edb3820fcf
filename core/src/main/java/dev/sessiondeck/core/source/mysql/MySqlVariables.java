package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableNames;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * System variables of MySQL, MariaDB and OceanBase (MySQL mode): {@code SHOW GLOBAL|SESSION
 * VARIABLES}; changed with {@code SET GLOBAL|SESSION name = value} (MySQL manual 15.7.6.1 "SET
 * Syntax for Variable Assignment"; SUPER or SYSTEM_VARIABLES_ADMIN for GLOBAL); another session's
 * from {@code performance_schema.variables_by_thread} joined with {@code threads} on
 * {@code THREAD_ID} (MySQL 5.7+ with {@code performance_schema=ON}, MySQL manual 29.12.14.2;
 * MariaDB 11.4 and OceanBase have no such table).
 */
public final class MySqlVariables implements Variables {

    private static final String LIST_GLOBAL = "SHOW GLOBAL VARIABLES";
    private static final String LIST_SESSION = "SHOW SESSION VARIABLES";
    /**
     * MariaDB describes its variables (MariaDB KB "Information Schema SYSTEM_VARIABLES Table", 10.1+):
     * type, allowed values, read-only, where the global value came from, a comment.
     */
    private static final String MARIADB_VARIABLES = """
            SELECT LOWER(VARIABLE_NAME), GLOBAL_VALUE, SESSION_VALUE, VARIABLE_SCOPE, VARIABLE_TYPE, ENUM_VALUE_LIST,
                   READ_ONLY, GLOBAL_VALUE_ORIGIN, VARIABLE_COMMENT
              FROM information_schema.SYSTEM_VARIABLES""";
    private static final String PERFORMANCE_SCHEMA_ON = "SELECT @@performance_schema";
    private static final String OF_THREAD = """
            SELECT v.VARIABLE_NAME, v.VARIABLE_VALUE
              FROM performance_schema.variables_by_thread v
              JOIN performance_schema.threads t ON t.THREAD_ID = v.THREAD_ID
             WHERE t.PROCESSLIST_ID = ?""";

    /** Timeouts OceanBase keeps in microseconds (OceanBase manual, "System variables"). */
    private static final List<String> MICROSECONDS = List.of("ob_query_timeout", "ob_trx_timeout",
            "ob_trx_idle_timeout", "ob_trx_lock_timeout", "ob_pl_block_timeout");
    private static final List<String> ISOLATION = List.of("READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ",
            "SERIALIZABLE");
    /** Enumerations worth a picker, as the manuals list their values. */
    private static final Map<String, List<String>> CHOICES = Map.of(
            "transaction_isolation", ISOLATION,
            "tx_isolation", ISOLATION,
            "ob_read_consistency", List.of("STRONG", "WEAK", "FROZEN"),
            "binlog_format", List.of("ROW", "STATEMENT", "MIXED"),
            "innodb_flush_log_at_trx_commit", List.of("0", "1", "2"));

    private final ConnectionPool pool;
    private final ServerInfo info;
    /** Set once a look at another session found performance_schema off; the menu then says why before asking. */
    private volatile boolean performanceSchemaOff;
    private final String name;

    public MySqlVariables(String name, ServerInfo info, ConnectionPool pool) {
        this.name = name;
        this.info = info;
        this.pool = pool;
    }

    /** True once {@link #ofSession} found performance_schema off (known without asking the server again). */
    boolean performanceSchemaOff() {
        return performanceSchemaOff;
    }

    @Override
    public List<String> important() {
        return switch (info.product()) {
            case OCEANBASE_MYSQL -> List.of("autocommit", "ob_query_timeout", "ob_trx_timeout", "ob_trx_idle_timeout",
                    "tx_isolation", "transaction_isolation", "ob_read_consistency", "max_connections", "sql_mode",
                    "ob_sql_work_area_percentage", "time_zone");
            default -> List.of("max_connections", "wait_timeout", "interactive_timeout", "innodb_lock_wait_timeout",
                    "lock_wait_timeout", "transaction_isolation", "tx_isolation", "autocommit", "sql_mode",
                    "max_execution_time", "max_statement_time", "long_query_time", "max_allowed_packet", "time_zone");
        };
    }

    @Override
    public List<Variable> list(VariableScope scope) throws SourceException {
        return VariableNames.pinnedFirst(pool.withConnection(SourceText.of("what.listVariables", name),
                c -> read(c, scope)), important());
    }

    /** MariaDB's own description where it has one; elsewhere SHOW VARIABLES with kinds from the manuals. */
    private List<Variable> read(Connection c, VariableScope scope) throws SQLException {
        if (info.product() == Product.MARIADB) {
            return readMariaDb(c, scope);
        }
        return read(c, scope == VariableScope.GLOBAL ? LIST_GLOBAL : LIST_SESSION);
    }

    private List<Variable> readMariaDb(Connection c, VariableScope scope) throws SQLException {
        List<Variable> out = new ArrayList<>();
        boolean global = scope == VariableScope.GLOBAL;
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(MARIADB_VARIABLES)) {
            while (rs.next()) {
                String varScope = rs.getString(4);
                if (global && "SESSION ONLY".equals(varScope)) {
                    continue;
                }
                String type = rs.getString(5) == null ? "" : rs.getString(5);
                String values = rs.getString(6);
                List<String> choices = values == null || values.isEmpty() ? List.of() : List.of(values.split(","));
                Variable.Kind kind = switch (type) {
                    case "BOOLEAN" -> Variable.Kind.BOOLEAN;
                    case "ENUM" -> Variable.Kind.ENUM;
                    case "INT", "INT UNSIGNED", "BIGINT", "BIGINT UNSIGNED", "DOUBLE" -> Variable.Kind.NUMBER;
                    // SET and FLAGSET take several of their values at once: text, not a picker
                    default -> Variable.Kind.TEXT;
                };
                String varName = rs.getString(1);
                boolean editable = !"YES".equals(rs.getString(7)) && (global || !"GLOBAL".equals(varScope));
                out.add(new Variable(varName, rs.getString(global ? 2 : 3),
                        kind, kind == Variable.Kind.BOOLEAN || kind == Variable.Kind.ENUM ? choices : List.of(),
                        MICROSECONDS.contains(varName) ? "us" : "", global ? rs.getString(8) : "", editable,
                        rs.getString(9)));
            }
        }
        return out;
    }

    private List<Variable> read(Connection c, String sql) throws SQLException {
        List<Variable> out = new ArrayList<>();
        try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(variable(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** A variable with its kind guessed from what the manuals say and from its value. */
    Variable variable(String varName, String value) {
        String lower = varName.toLowerCase(Locale.ROOT);
        String unit = MICROSECONDS.contains(lower) ? "us" : "";
        List<String> choices = CHOICES.getOrDefault(lower, List.of());
        Variable.Kind kind;
        if (!choices.isEmpty()) {
            kind = Variable.Kind.ENUM;
        } else if ("ON".equalsIgnoreCase(value) || "OFF".equalsIgnoreCase(value)) {
            kind = Variable.Kind.BOOLEAN;
            choices = List.of("ON", "OFF");
        } else if (VariableNames.isNumber(value)) {
            kind = Variable.Kind.NUMBER;
        } else {
            kind = Variable.Kind.TEXT;
        }
        return new Variable(varName, value, kind, choices, unit, "", true, "");
    }

    @Override
    public Variable set(VariableScope scope, String varName, String value) throws SourceException {
        Text what = SourceText.of("what.setVariable", varName, name);
        return pool.withConnection(what, c -> {
            Variable v = VariableNames.require(read(c, scope), varName, name);
            if (!v.editable()) {
                throw new SourceException(SourceException.Kind.REFUSED, SourceText.of(scope == VariableScope.SESSION
                        ? "failure.readOnlySession" : "failure.readOnly", v.name(), name));
            }
            String target = (scope == VariableScope.GLOBAL ? "GLOBAL " : "SESSION ") + v.name();
            if (VariableNames.isNumber(value)) {
                // a number as a number: a quoted one is refused by integer variables ("Incorrect argument type")
                try (Statement st = pool.statement(c)) {
                    st.execute("SET " + target + " = " + new BigDecimal(value).toPlainString());
                }
            } else {
                try (PreparedStatement ps = pool.prepare(c, "SET " + target + " = ?")) {
                    ps.setString(1, value);
                    ps.execute();
                }
            }
            return read(c, scope).stream()
                    .filter(x -> x.name().equalsIgnoreCase(v.name())).findFirst()
                    .orElseThrow(() -> new SQLException("the server no longer lists " + v.name()));
        });
    }

    @Override
    public List<Variable> ofSession(SessionKey key) throws SourceException {
        if (info.product() == Product.OCEANBASE_MYSQL || info.product() == Product.MARIADB) {
            // MariaDB's performance_schema (11.4) has no variables tables: "Table ... doesn't exist" (1146)
            throw new SourceException(SourceException.Kind.UNSUPPORTED,
                    SourceText.of("failure.noSessionVariables", info.product().displayName()));
        }
        long id = key.numericId();
        return VariableNames.pinnedFirst(pool.withConnection(SourceText.of("what.sessionVariables", String.valueOf(id), name),
                c -> {
                    try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(PERFORMANCE_SCHEMA_ON)) {
                        performanceSchemaOff = rs.next() && !rs.getBoolean(1);
                        if (performanceSchemaOff) {
                            throw new SourceException(SourceException.Kind.UNSUPPORTED,
                                    SourceText.of("failure.performanceSchemaOff", name));
                        }
                    }
                    List<Variable> out = pool.query(c, OF_THREAD, rs -> variable(rs.getString(1), rs.getString(2)), id);
                    if (out.isEmpty()) {
                        throw new SourceException(SourceException.Kind.SESSION_GONE,
                                SourceText.of("failure.noThread", String.valueOf(id)));
                    }
                    return out;
                }), important());
    }
}
