package dev.sessiondeck.bench.ratios;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.bench.generated.GeneratedSessionSource;
import dev.sessiondeck.bench.generated.GeneratedSessions;
import dev.sessiondeck.bench.window.HeadlessWindow;
import dev.sessiondeck.core.model.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Child JVM of {@link RatiosBenchmark} for {@code window.apply} and {@code window.keystroke}: the
 * real session window and, beside it in the same JVM and of the same size, a bare JavaFX
 * {@link TableView} with as many columns as the window's table shows, each cell a plain string of
 * one of the session's values. Rounds alternate which of the two goes first; every time is the
 * action plus the CSS and layout pass of its scene, on the JavaFX thread, in milliseconds. Prints
 * {@code PAIRS <figure> <ours>,<baseline>;...} and {@code COLUMNS <n>}.
 *
 * <ul>
 *   <li>apply: ours, the view model's refresh to the next of two prepared 10,000-session snapshots:
 *       as in the application, the listing and what the refresh works out about it (the history
 *       ring, whether anybody waits) run on a worker thread, and what is timed is the apply on the
 *       JavaFX thread (the diff against the rows shown) with its CSS and layout; the bare table,
 *       {@code setAll} of the same snapshot's sessions.</li>
 *   <li>keystroke: over 100,000 sessions, ours sets the user column's search text; the bare table
 *       sets a {@link FilteredList}'s predicate to a plain {@code contains} on the user name. The same
 *       text is typed and erased one character at a time in both.</li>
 * </ul>
 *
 * <p>With {@code -Dprobe.parts=true} each timing also goes to standard error split into the action
 * and the CSS-and-layout pass, wall and JavaFX-thread CPU milliseconds ({@code PART ours|bare action
 * A css+layout L cpu a l}): on a loaded machine the thread's CPU time tells where the time goes when
 * the wall clock mostly measures waiting for a core.
 */
public final class WindowRatioProbe {

    static final int APPLY_SESSIONS = 10_000;
    static final int SEARCH_SESSIONS = 100_000;
    static final String TYPED = "svc_orders_1";

    /** What a bare table's cells show, in the order of the window's default columns. */
    private static final List<Function<Session, String>> VALUES = List.of(
            Session::id, s -> s.sql().orElse(""), s -> s.user().orElse(""), s -> s.source().orElse(""),
            s -> s.database().orElse(""), s -> s.command().orElse(""),
            s -> s.executionTime().map(d -> String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0)).orElse(""),
            s -> s.state().name(), s -> s.key().dataSource(), s -> s.key().server());

    private WindowRatioProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        // as in the application: the listing and what the refresh works out about it run on a worker,
        // the apply on the JavaFX thread; the apply that follows a timed refresh is timed there
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Double>> timedApply =
                new java.util.concurrent.atomic.AtomicReference<>();
        Scene[] windowScene = new Scene[1];
        java.util.concurrent.Executor ui = r -> javafx.application.Platform.runLater(() -> {
            java.util.concurrent.CompletableFuture<Double> f = timedApply.getAndSet(null);
            if (f == null) {
                r.run();
            } else {
                // as before the bare table's side: nothing left to draw (the refresh's start marked
                // the status bar, whose pulse may still be drawing)
                drawn();
                f.complete(timed(r, windowScene[0]));
            }
        });
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probe-worker");
            t.setDaemon(true);
            return t;
        });
        HeadlessWindow w = HeadlessWindow.show(new Background(worker, ui));
        windowScene[0] = w.scene;
        GeneratedSessionSource applySource = GeneratedSessionSource.prepared("bench", APPLY_SESSIONS, 2);
        List<List<Session>> bareSnapshots = List.of(applySource.snapshot().sessions(), applySource.snapshot().sessions());
        HeadlessWindow.onFx(() -> {
            w.viewModel.refreshSecondsProperty().set(0);
            w.viewModel.addDataSource(applySource);
            return null;
        });
        pause();
        pause();
        int columns = HeadlessWindow.onFx(() -> visibleColumns(w.scene));
        System.out.println("COLUMNS " + columns);
        ObservableList<Session> bareItems = FXCollections.observableArrayList();
        Bare bare = HeadlessWindow.onFx(() -> Bare.show(bareItems, columns, w.scene.getWidth(), w.scene.getHeight()));

        List<double[]> apply = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            List<Session> next = bareSnapshots.get(i % 2);
            double[] pair = new double[2];
            for (int side = 0; side < 2; side++) {
                settle(w.scene);
                // alternate which of the two goes first
                if ((side == 0) == (i % 2 == 0)) {
                    java.util.concurrent.CompletableFuture<Double> f = new java.util.concurrent.CompletableFuture<>();
                    timedApply.set(f);
                    HeadlessWindow.onFx(() -> {
                        w.viewModel.refresh();
                        return null;
                    });
                    pair[0] = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    pair[1] = HeadlessWindow.onFx(() -> timed(() -> bareItems.setAll(next), bare.scene));
                }
            }
            if (i >= 5) {
                apply.add(pair);
            }
        }
        pairs("window.apply", apply);

        List<Session> many = GeneratedSessions.generate("bench", SEARCH_SESSIONS, 0);
        FilteredList<Session> filtered = new FilteredList<>(FXCollections.observableArrayList(many));
        HeadlessWindow.onFx(() -> {
            w.viewModel.addDataSource(GeneratedSessionSource.prepared("bench", SEARCH_SESSIONS, 1));
            bare.table.setItems(filtered);
            return null;
        });
        pause();
        List<String> texts = new ArrayList<>();
        for (int n = 1; n <= TYPED.length(); n++) {
            texts.add(TYPED.substring(0, n));
        }
        for (int n = TYPED.length() - 1; n >= 0; n--) {
            texts.add(TYPED.substring(0, n));
        }
        List<double[]> keys = new ArrayList<>();
        // two rounds of the texts before the timed ones, the same for both: FilteredList's pass is
        // compiled for both sides' lists and predicates before any keystroke is timed (with one round,
        // the bare table's median was 13.9 ms in one run and 22.8 ms in another)
        int warmUp = 2;
        int keyRounds = (rounds + texts.size() - 1) / texts.size() + warmUp;
        int k = 0;
        for (int r = 0; r < keyRounds; r++) {
            for (String text : texts) {
                double[] pair = new double[2];
                Runnable ours = () -> pair[0] = timed(() -> w.viewModel.userSearchProperty().set(text), w.scene);
                Runnable base = () -> pair[1] = timed(() -> filtered.setPredicate(
                        text.isEmpty() ? null : s -> s.user().orElse("").contains(text)), bare.scene);
                int order = k++;
                settle(w.scene);
                HeadlessWindow.onFx(() -> {
                    first(order, ours, base);
                    return null;
                });
                settle(w.scene);
                HeadlessWindow.onFx(() -> {
                    second(order, ours, base);
                    return null;
                });
                if (r >= warmUp) {
                    keys.add(pair);
                }
            }
        }
        pairs("window.keystroke", keys);
        System.exit(0);
    }

    private static void first(int round, Runnable ours, Runnable base) {
        (round % 2 == 0 ? ours : base).run();
    }

    private static void second(int round, Runnable ours, Runnable base) {
        (round % 2 == 0 ? base : ours).run();
    }

    /** Columns of the window's session table that are shown. */
    private static int visibleColumns(Scene scene) {
        for (Node n : scene.getRoot().lookupAll(".table-view")) {
            if (n instanceof TableView<?> t && !t.getVisibleLeafColumns().isEmpty()) {
                return t.getVisibleLeafColumns().size();
            }
        }
        throw new IllegalStateException("the window shows no table");
    }

    /** {@code action} and the CSS and layout of {@code scene}, in milliseconds. */
    private static double timed(Runnable action, Scene scene) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        action.run();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        if (Boolean.getBoolean("probe.parts")) {
            System.err.printf(Locale.ROOT, "PART %s action %.2f css+layout %.2f cpu %.2f %.2f%n",
                    scene.getRoot() instanceof TableView ? "bare" : "ours", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                    (c1 - c0) / 1e6, (c2 - c1) / 1e6);
        }
        return (t2 - t0) / 1e6;
    }

    /** Waits on the JavaFX thread until the render thread has drawn what the pulses so far gave it. */
    private static void drawn() {
        com.sun.javafx.tk.quantum.QuantumToolkit.runInRenderThreadAndWait(() -> { });
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(60);
    }

    /**
     * Lets the window settle before a timed side, the same for both sides: the pulse that shows the
     * last change, then its rendering (Monocle's software pipeline draws 1600 x 1000 on the render
     * thread; on 2 cores that drawing ran beside the next timed side, whichever it was, and the
     * thread CPU time of the bare table's CSS and layout halved without it).
     */
    private static void settle(Scene scene) throws Exception {
        pause();
        java.util.concurrent.CountDownLatch drawn = new java.util.concurrent.CountDownLatch(1);
        boolean[] seen = new boolean[1];
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (!seen[0]) {
                seen[0] = true;
                // after the whole pulse: its rendering is queued on the render thread, ours behind it
                javafx.application.Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    drawn();
                    drawn.countDown();
                });
            }
        };
        HeadlessWindow.onFx(() -> {
            scene.addPostLayoutPulseListener(listener[0]);
            javafx.application.Platform.requestNextPulse();
            return null;
        });
        if (!drawn.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("no pulse within 30 s");
        }
    }

    private static void pairs(String figure, List<double[]> pairs) {
        System.out.println("PAIRS " + figure + " " + pairs.stream()
                .map(p -> String.format(Locale.ROOT, "%.4f,%.4f", p[0], p[1])).collect(Collectors.joining(";")));
    }

    /** The bare table in a stage of its own. */
    private record Bare(TableView<Session> table, Scene scene) {

        static Bare show(ObservableList<Session> items, int columns, double width, double height) {
            TableView<Session> table = new TableView<>(items);
            for (int i = 0; i < columns; i++) {
                Function<Session, String> value = VALUES.get(i % VALUES.size());
                TableColumn<Session, String> c = new TableColumn<>("Column " + (i + 1));
                c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
                table.getColumns().add(c);
            }
            Scene scene = new Scene(table, width, height);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return new Bare(table, scene);
        }
    }
}
