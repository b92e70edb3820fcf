package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A kind of data source reached through a JDBC driver: it opens a small pool with its
 * {@link WireProtocol}, asks the server what it is, and hands it to the first
 * {@link SessionSourceProvider} of that protocol that serves it ({@link JdbcSessionSources}). The
 * products of the MySQL family (MySQL, MariaDB, OceanBase) and PostgreSQL are such types, each
 * registered by its own package.
 */
public abstract class JdbcSourceType implements SourceType {

    private final String id;
    private final Text displayName;
    private final int defaultPort;
    private final WireProtocol wire;
    private final int order;
    private final List<String> jdbcSchemes;
    private final Predicate<ServerInfo> expected;

    /**
     * @param expected what the server should be; another answer is served all the same (by what the
     *                 server says it is) with a warning in the log. {@code s -> true} for "detect".
     */
    protected JdbcSourceType(String id, Text displayName, int defaultPort, WireProtocol wire, int order,
                             List<String> jdbcSchemes, Predicate<ServerInfo> expected) {
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.defaultPort = defaultPort;
        this.wire = Objects.requireNonNull(wire, "wire");
        this.order = order;
        this.jdbcSchemes = List.copyOf(jdbcSchemes);
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Text displayName() {
        return displayName;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public List<InputField> settings() {
        return ConnectionFields.JDBC;
    }

    @Override
    public List<String> jdbcSchemes() {
        return jdbcSchemes;
    }

    /** A thread id or backend pid: a whole number of 0 or more ({@link SessionKey#parseNumericId}). */
    @Override
    public Optional<String> sessionIdProblem(String id) {
        try {
            SessionKey.parseNumericId(id);
            return Optional.empty();
        } catch (SessionKey.SourceIdException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The protocol this type's servers speak. */
    public WireProtocol wire() {
        return wire;
    }

    @Override
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        return JdbcSessionSources.installed().open(spec, wire, expected);
    }
}
