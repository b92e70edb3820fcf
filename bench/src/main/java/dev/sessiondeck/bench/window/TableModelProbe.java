package dev.sessiondeck.bench.window;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.bench.generated.GeneratedSessionSource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;

/**
 * Child JVM of {@link WindowBenchmark}: in the shown window, times on the JavaFX thread applying a
 * 10,000-session snapshot and one keystroke of a column search over 100,000 rows, each with the CSS
 * and layout pass that follows, then reads the heap after GC with the 100,000 sessions loaded.
 * Prints {@code SAMPLES <name> <values in ms or MiB, comma-separated>} lines for the parent.
 *
 * <p>The view model's background work runs on the calling thread (the JavaFX thread), so one refresh
 * is one snapshot fetched from memory and applied; the search text is set on the view model's
 * property, to which the column's search field is bound.
 */
public final class TableModelProbe {

    static final int APPLY_SESSIONS = 10_000;
    static final int SEARCH_SESSIONS = 100_000;
    /** Typed into the user column's search, one character per keystroke, then erased the same way. */
    static final String TYPED = "svc_orders_1";

    private TableModelProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        HeadlessWindow w = HeadlessWindow.show(new Background(Runnable::run, Runnable::run));
        HeadlessWindow.onFx(() -> {
            w.viewModel.refreshSecondsProperty().set(0);
            return null;
        });
        pause();
        samples("heap-empty-window", heapAfterGc());

        // the first snapshot of a data source: every row new
        List<Double> first = new ArrayList<>();
        List<Double> apply = new ArrayList<>();
        List<Double> applyFrame = new ArrayList<>();
        for (int i = 0; i < rounds / 4 + 1; i++) {
            first.add(timeOnFx(w, () -> w.viewModel.addDataSource(
                    GeneratedSessionSource.prepared("bench", APPLY_SESSIONS, 2)), null));
            pause();
        }
        // then the refreshes: a diff against the rows shown
        for (int i = 0; i < rounds + 5; i++) {
            double[] frame = new double[1];
            double t = timeOnFx(w, w.viewModel::refresh, frame);
            if (i >= 5) {
                apply.add(t);
                applyFrame.add(frame[0]);
            }
            pause();
        }
        samples("apply-first-10000", first);
        samples("apply-10000", apply);
        samples("apply-10000-with-layout", applyFrame);

        HeadlessWindow.onFx(() -> {
            w.viewModel.addDataSource(GeneratedSessionSource.prepared("bench", SEARCH_SESSIONS, 1));
            return null;
        });
        pause();
        List<Double> keys = new ArrayList<>();
        List<Double> keysFrame = new ArrayList<>();
        for (int r = 0; r < Math.max(1, rounds / (2 * TYPED.length())) + 1; r++) {
            List<String> texts = new ArrayList<>();
            for (int n = 1; n <= TYPED.length(); n++) {
                texts.add(TYPED.substring(0, n));
            }
            for (int n = TYPED.length() - 1; n >= 0; n--) {
                texts.add(TYPED.substring(0, n));
            }
            for (String text : texts) {
                double[] frame = new double[1];
                double t = timeOnFx(w, () -> w.viewModel.userSearchProperty().set(text), frame);
                if (r > 0) {
                    keys.add(t);
                    keysFrame.add(frame[0]);
                }
                pause();
            }
        }
        samples("keystroke-100000", keys);
        samples("keystroke-100000-with-layout", keysFrame);
        samples("heap-100000", heapAfterGc());
        System.out.println("ROWS " + HeadlessWindow.onFx(() -> w.viewModel.allRows().size()));
        Platform.exit();
    }

    /**
     * Times {@code action} on the JavaFX thread in milliseconds; with {@code withLayout}, also the
     * action plus the CSS and layout pass, into its first element.
     */
    private static double timeOnFx(HeadlessWindow w, Runnable action, double[] withLayout) throws Exception {
        return HeadlessWindow.onFx(() -> {
            long t0 = System.nanoTime();
            action.run();
            long t1 = System.nanoTime();
            if (withLayout != null) {
                w.layout();
                withLayout[0] = (System.nanoTime() - t0) / 1e6;
            }
            return (t1 - t0) / 1e6;
        });
    }

    /** Lets a few pulses render what changed, as between a user's actions. */
    private static void pause() throws InterruptedException {
        Thread.sleep(60);
    }

    /** Heap in use after full collections, five readings, in MiB. */
    private static List<Double> heapAfterGc() throws InterruptedException {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            out.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
        }
        return out;
    }

    private static void samples(String name, List<Double> values) {
        System.out.println("SAMPLES " + name + " " + values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.4f", v))
                .collect(Collectors.joining(",")));
    }
}
