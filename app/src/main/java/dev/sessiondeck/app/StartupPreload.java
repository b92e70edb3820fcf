package dev.sessiondeck.app;

import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.app.support.SettingsStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.LoggerFactory;

/**
 * What the window needs before its first frame but not from the JavaFX toolkit, done on a thread of
 * its own while the toolkit starts: the logging set up (logback reads its configuration: about 500
 * classes) and the window's settings read (Jackson: about 480 classes). On two cores the two starts
 * overlap instead of following each other (docs/benchmarks.md, {@code startup.first-frame}).
 */
final class StartupPreload {

    private static volatile CompletableFuture<Settings> settings;

    private StartupPreload() {
    }

    /** Starts reading; call once, before {@code Application.launch}. */
    static void start() {
        CompletableFuture<Settings> read = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
                read.complete(SettingsStore.forUser().load());
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            }
        }, "sessiondeck-preload");
        t.setDaemon(true);
        settings = read;
        t.start();
    }

    /**
     * The settings the preload read, once (a later call, or one without {@link #start}, gets none and
     * reads them itself). A failure while reading is thrown here, on the caller's thread, as
     * {@link SettingsStore#load()} would have thrown it.
     */
    static Optional<Settings> take() {
        CompletableFuture<Settings> f = settings;
        settings = null;
        if (f == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
