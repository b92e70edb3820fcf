package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableNames;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL's settings from {@code pg_settings} (PostgreSQL manual 54.24), with unit, source and
 * the allowed values of enum settings. A global change is {@code ALTER SYSTEM SET} (superuser, or
 * the ALTER SYSTEM privilege from 15) followed by {@code pg_reload_conf()}; settings of context
 * {@code postmaster} need a restart, which {@code pending_restart} then says. A session change is
 * {@code set_config(name, value, false)}. PostgreSQL shows no other backend's settings.
 */
public final class PostgresVariables implements Variables {

    private static final String LIST = """
            SELECT name, setting, unit, source, vartype, enumvals, context, short_desc, pending_restart
              FROM pg_settings""";
    private static final String ONE = LIST + " WHERE name = ?";
    /** ALTER SYSTEM takes no parameters: the server itself quotes the value. */
    private static final String QUOTE = "SELECT quote_literal(?)";
    private static final String RELOAD = "SELECT pg_reload_conf()";
    private static final String SET_SESSION = "SELECT set_config(?, ?, false)";
    /** How often and how long a global change is read back while the backends take the new configuration. */
    private static final int READ_BACK_TRIES = 10;
    private static final long READ_BACK_PAUSE_MS = 200;

    private final String name;
    private final ConnectionPool pool;

    public PostgresVariables(String name, ConnectionPool pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public List<String> important() {
        return List.of("max_connections", "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout",
                "idle_session_timeout", "default_transaction_isolation", "work_mem", "shared_buffers",
                "log_min_duration_statement", "track_activity_query_size", "deadlock_timeout");
    }

    @Override
    public List<Variable> list(VariableScope scope) throws SourceException {
        return VariableNames.pinnedFirst(pool.withConnection(SourceText.of("what.listSettings", name), c -> {
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(LIST)) {
                List<Variable> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs, scope));
                }
                return out;
            }
        }), important());
    }

    private static Variable map(ResultSet rs, VariableScope scope) throws SQLException {
        String context = rs.getString(7);
        Variable.Kind kind = switch (Objects.toString(rs.getString(5), "")) {
            case "bool" -> Variable.Kind.BOOLEAN;
            case "enum" -> Variable.Kind.ENUM;
            case "integer", "real" -> Variable.Kind.NUMBER;
            default -> Variable.Kind.TEXT;
        };
        List<String> choices = List.of();
        if (kind == Variable.Kind.BOOLEAN) {
            choices = List.of("on", "off");
        } else if (kind == Variable.Kind.ENUM) {
            Array values = rs.getArray(6);
            choices = values == null ? List.of() : List.of((String[]) values.getArray());
        }
        // global: anything but internal (postmaster ones after a restart); session: user and superuser settings
        boolean editable = scope == VariableScope.GLOBAL ? !"internal".equals(context)
                : "user".equals(context) || "superuser".equals(context);
        String note = rs.getBoolean(9) ? "pending restart: the configuration file holds a new value"
                : "postmaster".equals(context) && scope == VariableScope.GLOBAL ? "changes take effect after a server restart"
                : Objects.toString(rs.getString(8), "");
        return new Variable(rs.getString(1), rs.getString(2), kind, choices, rs.getString(3), rs.getString(4), editable, note);
    }

    @Override
    public Variable set(VariableScope scope, String varName, String value) throws SourceException {
        return pool.withConnection(SourceText.of("what.setVariable", varName, name), pool.queryTimeout().multipliedBy(3), c -> {
            Variable before = one(c, varName, scope);
            if (scope == VariableScope.SESSION) {
                try (PreparedStatement ps = pool.prepare(c, SET_SESSION)) {
                    ps.setString(1, before.name());
                    ps.setString(2, value);
                    ps.executeQuery().close();
                }
                return one(c, before.name(), scope);
            }
            String literal;
            try (PreparedStatement ps = pool.prepare(c, QUOTE)) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    literal = rs.getString(1);
                }
            }
            try (Statement st = pool.statement(c)) {
                // the name is one pg_settings listed (letters, digits, '_' and '.'), the value quoted by the server
                st.execute("ALTER SYSTEM SET " + before.name() + " = " + literal);
                st.execute(RELOAD);
            }
            return readBack(c, before);
        });
    }

    /**
     * What pg_settings says after the reload: the backend takes the new configuration at its next
     * command after the postmaster's signal, so read a few times until the value changed or a
     * restart is pending (at most {@value #READ_BACK_TRIES} times {@value #READ_BACK_PAUSE_MS} ms).
     */
    private Variable readBack(Connection c, Variable before) throws SQLException, SourceException {
        Variable now = one(c, before.name(), VariableScope.GLOBAL);
        for (int i = 0; i < READ_BACK_TRIES && now.value().equals(before.value()) && !now.note().startsWith("pending"); i++) {
            try {
                Thread.sleep(READ_BACK_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(SourceException.Kind.TIMEOUT, SourceText.of("failure.interruptedReadBack", before.name()), e);
            }
            now = one(c, before.name(), VariableScope.GLOBAL);
        }
        return now;
    }

    private Variable one(Connection c, String varName, VariableScope scope) throws SQLException, SourceException {
        if (!varName.matches("[A-Za-z0-9_.]+")) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.noSetting", name, varName));
        }
        try (PreparedStatement ps = pool.prepare(c, ONE)) {
            ps.setString(1, varName.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.noSetting", name, varName));
                }
                return map(rs, scope);
            }
        }
    }

    @Override
    public List<Variable> ofSession(SessionKey key) throws SourceException {
        throw new SourceException(SourceException.Kind.UNSUPPORTED, Text.of(Text.CORE, "action.sessionVariables.postgres"));
    }
}
