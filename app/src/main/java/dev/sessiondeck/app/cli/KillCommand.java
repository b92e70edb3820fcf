package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.util.ArrayList;
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
 * {@code kill ID...}: closes sessions (KILL CONNECTION, pg_terminate_backend). The sessions are
 * listed first, so that each kill reaches exactly the session described in the confirmation; the
 * targets are given by id (positional or {@code --id}, several allowed) or by the same filters as
 * {@code list} ({@code --all-matching}). One result line per session; the exit code is the highest
 * of the sessions' codes (0 only when every session was done).
 */
@Command(name = "kill", sortOptions = false,
        description = "Close sessions (KILL CONNECTION / pg_terminate_backend), after confirmation.",
        footer = {"", "Examples:",
                "  sessiondeck kill --source prod 42 43 --id 44",
                "  sessiondeck kill --source prod --all-matching --session-user report_ --yes",
                "", "With several sessions the exit code is the highest of theirs.", ExitCodes.HELP})
class KillCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..*", paramLabel = "ID",
            description = "Session ids (thread id, backend pid, 1C session UUID) or 1C session numbers")
    List<String> ids = new ArrayList<>();

    @Option(names = "--id", paramLabel = "ID", description = "A session id, as the positional ones; may be repeated")
    List<String> moreIds = new ArrayList<>();

    @Option(names = "--all-matching", description = "Every session the filters (as in list) select, SessionDeck's own"
            + " left out; needs at least one filter")
    boolean allMatching;

    @Mixin
    SessionFilterOptions filters = new SessionFilterOptions();

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

    /** A session to kill: its key and what the listing showed of it (empty when not listed). */
    private record Target(String id, SessionKey key, Optional<Session> seen) {
    }

    @Override
    public Integer call() {
        ConnectionSpec spec;
        List<String> given = new ArrayList<>(ids);
        given.addAll(moreIds);
        SessionFilter filter = filters.filter(Optional.empty());
        try {
            spec = connection.toSpec(context);
            checkTargets(given, filter);
            // before connecting: a negative or worded thread id is never sent to a server
            for (String id : given) {
                ConnectionOptions.requireSessionId(context, spec, id);
            }
        } catch (IllegalArgumentException e) {
            context.err().println("sessiondeck " + command() + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (SessionSource source = connection.open(context, command(), spec)) {
            List<Session> listed = source.snapshot().sessions();
            List<Target> targets = new ArrayList<>();
            int worst = allMatching ? matching(listed, filter, targets) : byId(source, listed, given, targets);
            if (targets.isEmpty()) {
                if (allMatching) {
                    context.err().println("sessiondeck " + command() + ": no session matches; nothing was done.");
                }
                return worst;
            }
            if (!yes && !confirmed(targets)) {
                return context.console() == null ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
            }
            for (Target t : targets) {
                worst = Math.max(worst, killOne(source, t, targets.size() > 1));
            }
            return worst;
        } catch (SourceException e) {
            return ExitCodes.failed(context, command(), e);
        }
    }

    /** Refuses a request that names no session, or a filter that would select every session. */
    private void checkTargets(List<String> given, SessionFilter filter) {
        if (allMatching) {
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("give session ids or --all-matching, not both");
            }
            if (filter.isEmpty()) {
                throw new IllegalArgumentException("--all-matching needs at least one filter"
                        + " (--active, --session-user, --client, --db): it would close every session");
            }
        } else {
            if (given.isEmpty()) {
                throw new IllegalArgumentException("give at least one session ID (or --all-matching with filters)");
            }
            if (!filter.isEmpty()) {
                throw new IllegalArgumentException("the filters (--active, --session-user, --client, --db) select"
                        + " sessions only with --all-matching");
            }
        }
    }

    /** The sessions {@code filter} selects, SessionDeck's own and (for kill-query) idle ones reported and left out. */
    private int matching(List<Session> listed, SessionFilter filter, List<Target> out) {
        for (Session s : listed) {
            if (!filter.test(s)) {
                continue;
            }
            if (s.own()) {
                context.out().println("Skipped session " + s.id() + ": SessionDeck's own connection.");
            } else if (mode() == KillMode.QUERY && !s.isActive()) {
                context.out().println("Skipped session " + s.id() + ": it runs no statement.");
            } else {
                out.add(new Target(s.id(), s.key(), Optional.of(s)));
            }
        }
        return ExitCodes.DONE;
    }

    /** Each id as listed (or, not listed, as given); a session number shared by several is refused. */
    private int byId(SessionSource source, List<Session> listed, List<String> given, List<Target> out) {
        int worst = ExitCodes.DONE;
        for (String id : given) {
            // the id, or a session number where the source has them (1C); a number shared by several is not enough
            SessionFilter byId = SessionFilter.ALL.withId(Optional.of(id)).withShowBackground(true);
            List<Session> matches = listed.stream().filter(byId).toList();
            if (matches.size() > 1) {
                context.err().println("sessiondeck " + command() + ": " + matches.size() + " sessions have the number " + id
                        + "; give the session's id: " + String.join(", ", matches.stream().map(Session::id).toList()));
                worst = Math.max(worst, ExitCodes.BAD_INPUT);
                continue;
            }
            Optional<Session> seen = matches.stream().findFirst();
            if (out.stream().noneMatch(t -> t.id().equals(seen.map(Session::id).orElse(id)))) {
                out.add(new Target(id, seen.map(Session::key).orElse(SessionKey.ofId(source.name(), id)), seen));
            }
        }
        return worst;
    }

    /** Asks on the terminal; refuses without one. */
    private boolean confirmed(List<Target> targets) {
        String what = targets.size() == 1 ? describe(targets.get(0)) : targets.size() + " sessions";
        if (context.console() == null) {
            context.err().println("sessiondeck " + command() + ": not closing " + what
                    + " without confirmation; add --yes when no terminal is attached");
            return false;
        }
        if (targets.size() > 1) {
            targets.forEach(t -> context.out().println("  " + describe(t)));
            context.out().flush();
        }
        String verb = mode() == KillMode.SESSION ? "Close " : "Cancel the statement of ";
        String answer = context.console().readLine("%s%s? [y/N] ", verb, what);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            context.err().println("Nothing was done.");
            return false;
        }
        return true;
    }

    /** Kills one session and prints its line: the result on stdout, a failure on stderr. */
    private int killOne(SessionSource source, Target t, boolean several) {
        String what = describe(t);
        try {
            long started = System.nanoTime();
            boolean verified = message == null ? source.kill(t.key(), mode()).verified()
                    : source.perform(withMessage(source), t.key(), Map.of("message", message)).verified();
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
            return ExitCodes.failed(context, several ? command() + ": session " + t.id() : command(), e);
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
    private static String describe(Target t) {
        if (t.seen().isEmpty()) {
            return "session " + t.id() + " (not listed for this user)";
        }
        Session s = t.seen().get();
        StringBuilder b = new StringBuilder("session ").append(t.id()).append(" (")
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
