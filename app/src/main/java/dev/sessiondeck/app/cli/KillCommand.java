package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Parameters(index = "0", paramLabel = "ID",
            description = "The session id (thread id, backend pid, 1C session UUID) or a 1C session number")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
    boolean yes;

    @Option(names = "--message", paramLabel = "TEXT",
            description = "What the session's user is shown, where the data source can say it (1C: --error-message)")
    String message;

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
            spec = connection.toSpec(context);
            // before connecting: a negative or worded thread id is never sent to a server
            Optional<String> idProblem = context.sources().types().require(spec.type()).sessionIdProblem(id);
            if (idProblem.isPresent()) {
                throw new IllegalArgumentException(idProblem.get());
            }
        } catch (IllegalArgumentException e) {
            context.err().println("sessiondeck " + command() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (SessionSource source = connection.open(context, command(), spec)) {
            // the id, or a session number where the source has them (1C); a number shared by several is not enough
            SessionFilter byId = SessionFilter.ALL.withId(Optional.of(id)).withShowBackground(true);
            List<Session> matches = source.snapshot().sessions().stream().filter(byId).toList();
            if (matches.size() > 1) {
                context.err().println("sessiondeck " + command() + ": " + matches.size() + " sessions have the number " + id
                        + "; give the session's id: " + String.join(", ", matches.stream().map(Session::id).toList()));
                return ExitCodes.BAD_INPUT;
            }
            Optional<Session> target = matches.stream().findFirst();
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
            long started = System.nanoTime();
            boolean verified = message == null ? source.kill(key, mode()).verified()
                    : source.perform(withMessage(source), key, Map.of("message", message)).verified();
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (verified) {
                context.out().println((mode() == KillMode.SESSION ? "Closed " : "Cancelled the statement of ")
                        + what + " (verified after " + waited + " ms).");
                return ExitCodes.DONE;
            }
            context.err().println("sessiondeck " + command() + ": the server took the kill, but " + what
                    + " was still " + (mode() == KillMode.SESSION ? "listed" : "running its statement")
                    + " after " + waited + " ms.");
            return ExitCodes.FAILED;
        } catch (SourceException e) {
            return ExitCodes.failed(context, command(), e);
        }
    }

    /**
     * The data source's variant of this kill that takes a message for the user.
     *
     * @throws SourceException {@code REFUSED} when the data source cannot pass a message on
     */
    private SessionAction withMessage(SessionSource source) throws SourceException {
        SessionAction standard = mode() == KillMode.SESSION ? SessionAction.CLOSE_SESSION : SessionAction.CLOSE_QUERY;
        return source.actions().stream()
                .filter(a -> a.equals(standard) && a.parameters().stream().anyMatch(p -> p.id().equals("message")))
                .findFirst()
                .orElseThrow(() -> new SourceException(SourceException.Kind.REFUSED, "--message: " + source.describe()
                        + " shows the user no message when a session is closed"));
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
