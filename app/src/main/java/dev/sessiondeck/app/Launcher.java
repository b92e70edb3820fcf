package dev.sessiondeck.app;

import dev.sessiondeck.app.cli.Cli;
import dev.sessiondeck.app.support.LogSetup;
import javafx.application.Application;

/**
 * The one main class: with a subcommand ({@code list}, {@code kill}, ...) it runs the command
 * line; without one it opens the window. It does not extend {@link javafx.application.Application},
 * so that JavaFX can start from a plain class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // before the first log line: where log lines go depends on the command and --verbose
        LogSetup.configure(args, args.length == 0 || args[0].startsWith("--"));
        if (args.length == 0) {
            // the window with nothing to parse: its settings and logging are read beside the
            // toolkit's start, and the command line's parser is not built
            StartupPreload.start();
            Application.launch(SessionDeckApp.class, args);
            return;
        }
        int exit = Cli.run(args);
        if (exit == Cli.OPEN_WINDOW) {
            Application.launch(SessionDeckApp.class, args);
        } else {
            System.exit(exit);
        }
    }
}
