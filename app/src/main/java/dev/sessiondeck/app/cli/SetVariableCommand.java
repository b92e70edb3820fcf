package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableNames;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code set-variable --global NAME VALUE --yes}: changes a global variable (SET GLOBAL; PostgreSQL
 * ALTER SYSTEM + pg_reload_conf()), then prints the old value and what the server now says.
 */
@Command(name = "set-variable", sortOptions = false,
        description = "Change a global variable (SET GLOBAL / ALTER SYSTEM + pg_reload_conf()) and read it back.",
        footer = {"", "Example:", "  sessiondeck set-variable --source prod --global wait_timeout 600 --yes", "",
                ExitCodes.HELP})
final class SetVariableCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--global", required = true, description = "Change the server's global value (required: the only scope a"
            + " command line can change for good)")
    boolean global;

    @Parameters(index = "0", paramLabel = "NAME", description = "The variable's name, as 'variables' lists it")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The new value")
    String value;

    @Option(names = {"-y", "--yes"}, description = "Confirm the change (required: it affects every new session)")
    boolean yes;

    SetVariableCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        return connection.run(context, "set-variable", spec -> {
            if (!yes) {
                throw new IllegalArgumentException("not changing " + name + " without --yes");
            }
        }, source -> {
            Variables variables = VariablesCommand.of(source);
            Variable before = VariableNames.require(variables.list(VariableScope.GLOBAL), name, source.name());
            Variable after = variables.set(VariableScope.GLOBAL, before.name(), value);
            context.out().println(after.name() + ": " + shown(before) + " -> " + shown(after)
                    + (after.note().isEmpty() || !after.note().startsWith("pending") ? "" : " (" + after.note() + ")"));
            return ExitCodes.DONE;
        });
    }

    private static String shown(Variable v) {
        return "'" + v.value() + "'" + (v.unit().isEmpty() ? "" : " " + v.unit()) + v.inSeconds().map(s -> " (" + s + ")").orElse("");
    }
}
