package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan --id ID}: the plan of the statement a session runs ({@code SessionSource#plan}). When
 * there is none (idle, not explainable, a missing privilege, ended) the reason is one line on
 * standard error, with the exit code of its kind; {@code --format json} prints the object all the same.
 */
@Command(name = "plan", sortOptions = false,
        description = {"Show the plan of the statement a session runs.",
                "MySQL, MariaDB and OceanBase give the plan the session runs; PostgreSQL cannot, so a SELECT's"
                        + " text is explained again (never run) and the heading says it is an estimate made now."},
        footer = {"", "Examples:",
                "  sessiondeck plan -h db.example -u admin --password-env SD_PW --id 42",
                "  sessiondeck plan --source \"prod orders\" --id 1234 --format json", "",
                "No plan (the session is idle, or runs what cannot be explained) exits 1,",
                "an ended session 3, a missing privilege 4.", "", ExitCodes.HELP})
final class PlanCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The session id (thread id, backend pid)")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text)")
    PlanFormats.Format format = PlanFormats.Format.TEXT;

    PlanCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        return connection.run(context, "plan", spec -> ConnectionOptions.requireSessionId(context, spec, id), source -> {
            ExecutionPlan plan = source.plan(SessionKey.ofId(source.name(), id));
            context.out().print(format == PlanFormats.Format.JSON ? PlanFormats.json(source.name(), id, plan)
                    : PlanFormats.text(id, source.name() + " (" + source.describe() + ")", plan));
            if (plan.available()) {
                return ExitCodes.DONE;
            }
            context.err().println("sessiondeck plan: session " + id + ": " + plan.unavailable().orElseThrow().english());
            return switch (plan.missing().orElse(ExecutionPlan.Missing.NOT_SUPPORTED)) {
                case SESSION_GONE -> ExitCodes.SESSION_GONE;
                case PRIVILEGE -> ExitCodes.PRIVILEGE;
                case NOT_SUPPORTED, IDLE, NOT_EXPLAINABLE -> ExitCodes.FAILED;
            };
        });
    }
}
