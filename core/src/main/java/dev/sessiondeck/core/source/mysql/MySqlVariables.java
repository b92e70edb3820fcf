package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SourceException;
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
        String sql = scope == VariableScope.GLOBAL ? LIST_GLOBAL : LIST_SESSION;
        return VariableNames.pinnedFirst(pool.withConnection("Cannot list the variables of " + name,
                c -> read(c, sql)), important());
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
        String what = "Cannot set " + varName + " on " + name;
        return pool.withConnection(what, c -> {
            String sql = scope == VariableScope.GLOBAL ? LIST_GLOBAL : LIST_SESSION;
            Variable v = VariableNames.require(read(c, sql), varName, name);
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
            return read(c, sql).stream()
                    .filter(x -> x.name().equalsIgnoreCase(v.name())).findFirst()
                    .orElseThrow(() -> new SQLException("the server no longer lists " + v.name()));
        });
    }

    @Override
    public List<Variable> ofSession(SessionKey key) throws SourceException {
        if (info.product() == Product.OCEANBASE_MYSQL || info.product() == Product.MARIADB) {
            // MariaDB's performance_schema (11.4) has no variables tables: "Table ... doesn't exist" (1146)
            throw new SourceException(SourceException.Kind.UNSUPPORTED, info.product().displayName()
                    + " shows no other session's variables (it has no performance_schema.variables_by_thread)");
        }
        long id = key.numericId();
        return VariableNames.pinnedFirst(pool.withConnection("Cannot read the variables of session " + id + " on " + name,
                c -> {
                    try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(PERFORMANCE_SCHEMA_ON)) {
                        performanceSchemaOff = rs.next() && !rs.getBoolean(1);
                        if (performanceSchemaOff) {
                            throw new SourceException(SourceException.Kind.UNSUPPORTED, "performance_schema is off on "
                                    + name + " (performance_schema=ON in the server's configuration shows other sessions' variables)");
                        }
                    }
                    List<Variable> out = pool.query(c, OF_THREAD, rs -> variable(rs.getString(1), rs.getString(2)), id);
                    if (out.isEmpty()) {
                        throw new SourceException(SourceException.Kind.SESSION_GONE,
                                "session " + id + " is not listed in performance_schema.threads (ended, or not instrumented)");
                    }
                    return out;
                }), important());
    }
}
