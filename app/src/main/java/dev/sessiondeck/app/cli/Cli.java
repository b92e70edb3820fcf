package dev.sessiondeck.app.cli;

import dev.sessiondeck.app.SessionDeckApp;
import javafx.application.Application;

/** The command line; filled in by the CLI work. */
public final class Cli {

    /** Returned by {@link #run(String[])} when the window was opened and has closed. */
    public static final int OPEN_WINDOW = -1;

    private Cli() {
    }

    public static int run(String[] args) {
        Application.launch(SessionDeckApp.class, args);
        return OPEN_WINDOW;
    }
}
