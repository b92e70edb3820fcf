package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.filter.SessionFilter;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The session filters {@code list} and {@code kill --all-matching} share, so that a kill by filter
 * reaches exactly the sessions the same options list. All are literal, case-insensitive substrings
 * ({@link SessionFilter}).
 */
final class SessionFilterOptions {

    @Option(names = "--active", description = "Only sessions running a statement")
    boolean active;

    @Option(names = "--session-user", paramLabel = "TEXT",
            description = "Session user contains TEXT (case-insensitive, literal); --user is the login")
    String user;

    @Option(names = "--client", paramLabel = "TEXT",
            description = "Source (client host) contains TEXT (case-insensitive, literal); --source names a saved data source")
    String client;

    @Option(names = "--db", paramLabel = "TEXT", description = "Database name contains TEXT (case-insensitive, literal)")
    String database;

    @Option(names = "--all", description = "Include background threads (daemon, replication, background workers)")
    boolean all;

    /** The filter these options give, narrowed to {@code id} when present. */
    SessionFilter filter(Optional<String> id) {
        return new SessionFilter(id, user, client, database, active, all);
    }
}
