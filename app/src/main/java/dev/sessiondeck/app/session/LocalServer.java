package dev.sessiondeck.app.session;

import dev.sessiondeck.core.source.ConnectionSpec;
import java.util.List;
import java.util.function.Consumer;

/**
 * A server SessionDeck starts on this machine for the user to look at (the demo), offered on the
 * welcome pane. The session package knows only this: whoever offers one registers it with the
 * window ({@link SessionsView#offerLocalServer}).
 */
public interface LocalServer extends AutoCloseable {

    /** How to connect to what it started: one data source each. */
    List<ConnectionSpec> connectionSpecs();

    /** Stops what it started. Never throws. */
    @Override
    void close();

    /** Starts a local server, reporting progress in words; blocking. */
    @FunctionalInterface
    interface Starter {
        LocalServer start(Consumer<String> progress) throws Exception;
    }
}
