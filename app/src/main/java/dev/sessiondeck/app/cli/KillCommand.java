package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kill ID}: closes a session (KILL CONNECTION, pg_terminate_backend). The session is looked up
 * first, so that the kill reaches exactly the session described in the confirmation.
 */
@Command(name = "kill", sortOptions = false,
        description = "Close a session (KILL CONNECTION / pg_terminate_backend), after confirmation.",
        footer = {"", ExitCodes.HELP})
class KillCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "The session id (thread id, backend pid)")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
    boolean yes;

    KillCommand(Cli.Context context) {
        this.context = context;
    }

    KillMode mode() {
        return KillMode.SESSION;
    }

    private String command() {
        return mode() == KillMode.SESSION ? "kill" : "kill-query";
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        ConnectionSpec spec;
        try {
            if (id.isBlank()) {
                throw new IllegalArgumentException("the session id is empty");
            }
            spec = connection.toSpec(context);
        } catch (IllegalArgumentException e) {
            context.err().println("sessiondeck " + command() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (SessionSource source = context.sources().open(spec)) {
            Optional<Session> target = source.snapshot().find(id);
            SessionKey key = target.map(Session::key).orElse(SessionKey.ofId(source.name(), id));
            String what = describe(target);
            if (!yes) {
                if (context.console() == null) {
                    context.err().println("sessiondeck " + command() + ": not closing " + what
                            + " without confirmation; add --yes when no terminal is attached");
                    return ExitCodes.BAD_INPUT;
                }
                String verb = mode() == KillMode.SESSION ? "Close " : "Cancel the statement of ";
                String answer = context.console().readLine("%s%s? [y/N] ", verb, what);
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    context.err().println("Nothing was done.");
                    return ExitCodes.FAILED;
                }
            }
            KillResult result = source.kill(key, mode());
            if (result.verified()) {
                context.out().println((mode() == KillMode.SESSION ? "Closed " : "Cancelled the statement of ")
                        + what + " (verified after " + result.waited().toMillis() + " ms).");
                return ExitCodes.DONE;
            }
            context.err().println("sessiondeck " + command() + ": the server took the kill, but " + what
                    + " was still " + (mode() == KillMode.SESSION ? "listed" : "running its statement")
                    + " after " + result.waited().toMillis() + " ms.");
            return ExitCodes.FAILED;
        } catch (SourceException e) {
            context.err().println("sessiondeck " + command() + ": " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** Words for the session about to be killed, from what the listing showed. */
    private String describe(Optional<Session> target) {
        if (target.isEmpty()) {
            return "session " + id + " (not listed for this user)";
        }
        Session s = target.get();
        StringBuilder b = new StringBuilder("session ").append(id).append(" (")
                .append(s.user().orElse("?")).append(" from ").append(s.source().orElse("?"));
        s.database().ifPresent(db -> b.append(", database ").append(db));
        if (s.isActive()) {
            b.append(", running ").append(String.format(Locale.ROOT, "%.1f s", s.executionSeconds()));
            s.sql().ifPresent(sql -> b.append(": ").append(SessionFormats.preview(sql)));
        } else {
            b.append(", ").append(s.state().label().toLowerCase(Locale.ROOT));
        }
        return b.append(')').toString();
    }
}
