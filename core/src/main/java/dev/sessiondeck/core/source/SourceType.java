package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.Text;
import java.util.List;
import java.util.Optional;

/**
 * A kind of data source the user can pick: MySQL, MariaDB, OceanBase, PostgreSQL, a 1C cluster ...
 * Found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.sessiondeck.core.source.SourceType}), so that a new kind of data
 * source is one package with its own messages and a line in that file: the data-source dialog and
 * the command line's options are built from {@link #settings()}, and profiles store {@link #id()}.
 *
 * <p>A source type need not be a JDBC server: {@link #open(ConnectionSpec)} may return any
 * {@link SessionSource} (a client program run as a subprocess, a test's own fake).
 */
public interface SourceType {

    /**
     * The stable id: lowercase letters and digits ({@code mysql}, {@code postgresql}, {@code 1c}).
     * Profiles and {@code --type} use it; matched without regard to case, so that profiles written
     * with the upper-case names of earlier releases ({@code MARIADB}) still load.
     */
    String id();

    /** The name the user picks, e.g. "MariaDB". */
    Text displayName();

    /** Where it stands in the type list, lower first. */
    default int order() {
        return 100;
    }

    /** The port a new data source of this type starts with. */
    int defaultPort();

    /**
     * The connection settings it takes, in the order the dialog shows them: the standard ones of
     * {@link ConnectionFields} it uses (host, port, user ...) and its own, whose values travel in
     * {@link ConnectionSpec#options()} under the field's id.
     */
    List<InputField> settings();

    /**
     * The JDBC URL schemes ({@code jdbc:<scheme>://}) that name this type; empty for none. The
     * first type (in {@link #order()}) that claims a scheme gets URLs with it.
     */
    default List<String> jdbcSchemes() {
        return List.of();
    }

    /**
     * Why {@code id} cannot name a session of this type, checked before any connection (a negative
     * or worded thread id is never sent to a server); empty when it may. By default any non-blank text.
     */
    default Optional<String> sessionIdProblem(String id) {
        return id == null || id.isBlank() ? Optional.of("the session id is empty") : Optional.empty();
    }

    /**
     * Connects and returns the open data source. Blocks for at most about the connect timeout plus
     * one query timeout.
     *
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE}, {@code TIMEOUT}, or
     *                         {@code UNSUPPORTED} when the server is not one this type can serve
     */
    SessionSource open(ConnectionSpec spec) throws SourceException;
}
