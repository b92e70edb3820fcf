package dev.sessiondeck.bench.window;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.bench.generated.GeneratedSessionSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * Child JVM of {@link WindowBenchmark}: the window with auto-refresh every second over a data source
 * of {@code args[0]} generated sessions, each refresh building them anew on a worker thread as an
 * adapter maps a result set, and applying them on the JavaFX thread. Prints {@code READY} after the
 * first snapshot is shown and runs until the parent ends it; the parent reads its CPU time.
 */
public final class RefreshLoadProbe {

    private RefreshLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.parseInt(args[0]);
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sessiondeck-worker");
            t.setDaemon(true);
            return t;
        });
        HeadlessWindow w = HeadlessWindow.show(new Background(workers, Platform::runLater));
        HeadlessWindow.onFx(() -> {
            w.viewModel.totalCountProperty().addListener((o, a, n) -> {
                if (a.intValue() == 0 && n.intValue() > 0) {
                    System.out.println("READY " + n);
                    System.out.flush();
                }
            });
            w.viewModel.refreshSecondsProperty().set(1);
            w.viewModel.addDataSource(GeneratedSessionSource.fresh("bench", sessions));
            return null;
        });
        Thread.currentThread().join();
    }
}
