package dev.sessiondeck.bench.ratios;

import javafx.application.Application;

/**
 * Starts {@link BareTableApp} as {@code dev.sessiondeck.app.Launcher} starts SessionDeck: from a
 * main class that is not an {@link Application}, so that JavaFX on the class path (not as modules)
 * may start it.
 */
public final class BareTableLauncher {

    private BareTableLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(BareTableApp.class, args);
    }
}
