package dev.sessiondeck.app.cli;

import dev.sessiondeck.app.support.AppVersion;
import dev.sessiondeck.core.profile.KeyringSecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.profile.SecretStore;
import dev.sessiondeck.core.source.SessionSources;
import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line ({@code java -jar sessiondeck.jar <subcommand>}), built with picocli. Without a
 * subcommand it opens the window, passing {@code --demo} and {@code --lang} on to it.
 */
public final class Cli {

    /** Returned when no subcommand was given: the caller opens the window. */
    public static final int OPEN_WINDOW = -1;

    private Cli() {
    }

    /**
     * Runs the command line on the process's own streams.
     *
     * @return the exit code, or {@link #OPEN_WINDOW} when the window should open instead
     */
    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return execute(args, new Context(out, err, System::getenv, System.console(), SessionSources.loaded(),
                ProfileStore.inConfigDirectory(), KeyringSecretStore::openOrMemory));
    }

    /**
     * Parses and runs {@code args}.
     *
     * @return the exit code (see {@link ExitCodes#HELP}), or {@link #OPEN_WINDOW} when no subcommand was given
     */
    public static int execute(String[] args, Context given) {
        PrintWriter err = new OneLineErrors(given.err());
        Context context = new Context(given.out(), err, given.env(), given.console(), given.sources(), given.profiles(),
                given.secrets());
        CommandLine cl = new CommandLine(new Root(), new Factory(context));
        // each kind of data source brings the options of its own settings
        cl.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof Connecting c) {
                c.connection().addTypeOptions(sub.getCommandSpec());
            }
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(context.out());
        cl.setErr(context.err());
        // one line, as every other failure: picocli's own would add the whole usage help
        cl.setParameterExceptionHandler((e, arguments) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("sessiondeck: " + e.getMessage());
            return ExitCodes.FAILED;
        });
        int exit = cl.execute(args);
        context.out().flush();
        err.flush();
        return exit;
    }

    /**
     * What the commands work with, injected so that tests can run them in-process.
     *
     * @param out     standard output: results
     * @param err     standard error: errors and warnings
     * @param env     environment variables (for {@code --password-env})
     * @param console the terminal for prompts, or null when none is attached
     * @param sources  opens data sources
     * @param profiles the saved data sources
     * @param secrets  opens the keychain when a saved password is needed (it may take a moment)
     */
    public record Context(PrintWriter out, PrintWriter err, Function<String, String> env, Console console,
                          SessionSources sources, ProfileStore profiles, Supplier<SecretStore> secrets) {
    }

    /** A command that connects to a data source, with the options of {@link ConnectionOptions}. */
    interface Connecting {
        ConnectionOptions connection();
    }

    /** Gives each command the context. */
    private record Factory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ListCommand.class) {
                return cls.cast(new ListCommand(context));
            }
            if (cls == KillCommand.class) {
                return cls.cast(new KillCommand(context));
            }
            if (cls == KillQueryCommand.class) {
                return cls.cast(new KillQueryCommand(context));
            }
            if (cls == BlockingCommand.class) {
                return cls.cast(new BlockingCommand(context));
            }
            if (cls == PlanCommand.class) {
                return cls.cast(new PlanCommand(context));
            }
            if (cls == VariablesCommand.class) {
                return cls.cast(new VariablesCommand(context));
            }
            if (cls == SetVariableCommand.class) {
                return cls.cast(new SetVariableCommand(context));
            }
            if (cls == SourcesCommand.class) {
                return cls.cast(new SourcesCommand(context));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    @Command(name = "sessiondeck", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Watch and control the sessions of MySQL, MariaDB, OceanBase and PostgreSQL."
                    + " Without a command, opens the window.",
            subcommands = {ListCommand.class, BlockingCommand.class, KillCommand.class, KillQueryCommand.class,
                    PlanCommand.class, VariablesCommand.class, SetVariableCommand.class, SourcesCommand.class,
                    CommandLine.HelpCommand.class},
            footer = {"", ExitCodes.HELP})
    static final class Root implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--demo", description = "Open the window and start the local demo server")
        boolean demo;

        @Option(names = "--lang", paramLabel = "LANG", description = "Language of the window: en or zh")
        String lang;

        @Option(names = "--verbose", description = "Also print log lines on standard error (they always go to the log file)")
        boolean verbose;

        @Override
        public Integer call() {
            if (lang != null && !lang.equals("en") && !lang.equals("zh")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lang takes en or zh, not '" + lang + "'");
            }
            return OPEN_WINDOW;
        }
    }

    /** The version the build wrote ({@link AppVersion}), or "development" when run from unfiltered classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SessionDeck " + AppVersion.current().orElse("development")};
        }
    }
}
