package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.model.KillMode;
import picocli.CommandLine.Command;

/** {@code kill-query ID}: cancels only the running statement (KILL QUERY, pg_cancel_backend). */
@Command(name = "kill-query", sortOptions = false,
        description = "Cancel the running statement of a session (KILL QUERY / pg_cancel_backend); the session stays"
                + " connected.",
        footer = {"", ExitCodes.HELP})
final class KillQueryCommand extends KillCommand {

    KillQueryCommand(Cli.Context context) {
        super(context);
    }

    @Override
    KillMode mode() {
        return KillMode.QUERY;
    }
}
