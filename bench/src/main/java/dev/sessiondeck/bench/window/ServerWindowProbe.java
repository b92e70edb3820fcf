package dev.sessiondeck.bench.window;

import dev.sessiondeck.app.session.SessionsView;
import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.TlsMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Child JVM of the ratios benchmark ({@code dev.sessiondeck.bench.ratios}) for the figures that refresh real servers through the real
 * view model, as the application does: every data source's snapshot on a worker of a cached pool,
 * each applied on the JavaFX thread as it arrives. Started with the server's type, host, port, user
 * and database; then it answers commands on standard input, one per line, with one line each:
 *
 * <ul>
 *   <li>{@code open NAME PORT} opens a data source on the server at {@code PORT} (the server's own
 *       port, or a proxy in front of it) and prints {@code OPENED NAME};</li>
 *   <li>{@code view VIEW NAME...} makes a view model {@code VIEW} of those data sources (the merged
 *       view: All data sources) in the headless window and prints {@code VIEW VIEW};</li>
 *   <li>{@code refresh VIEW N} refreshes {@code VIEW} and prints {@code MS t FX f WORKERS w} once
 *       {@code N} snapshots (or failures) have been applied and the window laid out: the time from
 *       the refresh to what the user sees, and the CPU time the JavaFX thread and the refresh
 *       workers (listing, mapping, diffing) spent meanwhile, all in milliseconds;</li>
 *   <li>{@code auto VIEW} turns on auto-refresh every second and prints {@code AUTO};</li>
 *   <li>{@code active-first} has every view made after it show active sessions only (View Active
 *       Sessions Only) from its first listing, as for a user who keeps the toggle on, and prints
 *       {@code ACTIVE-FIRST};</li>
 *   <li>{@code exit}.</li>
 * </ul>
 */
public final class ServerWindowProbe {

    private final String type;
    private final String host;
    private final String user;
    private final String database;
    private final List<SessionSource> sources = new ArrayList<>();
    private final java.util.Map<String, View> views = new java.util.HashMap<>();
    /** The refresh workers made so far, for their CPU time. */
    private final List<Thread> workerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "refresh-worker");
        t.setDaemon(true);
        workerThreads.add(t);
        return t;
    });
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long fxThread;

    /**
     * A view model and its session view, whose UI callbacks are counted as they run. The views take
     * turns in the one window (its scene's root), so that only the view being measured is laid out
     * and drawn.
     */
    private record View(SessionsViewModel model, SessionsView view, LinkedBlockingQueue<Long> applied) {
    }

    private HeadlessWindow window;
    /** Views made from now on show active sessions only from their first listing ({@code active-first}). */
    private boolean activeFirst;

    private ServerWindowProbe(String type, String host, String user, String database) {
        this.type = type;
        this.host = host;
        this.user = user;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        ServerWindowProbe probe = new ServerWindowProbe(args[0], args[1], args[2],
                args.length > 3 && !args[3].isEmpty() ? args[3] : null);
        probe.window = HeadlessWindow.show(new Background(Runnable::run, Platform::runLater));
        probe.fxThread = HeadlessWindow.onFx(() -> Thread.currentThread().getId());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String[] c = line.trim().split(" ");
            String answer = switch (c[0]) {
                case "open" -> probe.open(c[1], Integer.parseInt(c[2]));
                case "view" -> probe.view(c[1], java.util.Arrays.copyOfRange(c, 2, c.length));
                case "refresh" -> probe.refresh(c[1], Integer.parseInt(c[2]));
                case "auto" -> probe.auto(c[1]);
                case "active-first" -> {
                    probe.activeFirst = true;
                    yield "ACTIVE-FIRST";
                }
                case "exit" -> null;
                default -> "ERROR unknown command " + c[0];
            };
            if (answer == null) {
                break;
            }
            System.out.println(answer);
            System.out.flush();
        }
        System.exit(0);
    }

    private String open(String name, int port) throws Exception {
        ConnectionSpec.Builder b = ConnectionSpec.builder().name(name).type(type).host(host).port(port).user(user)
                .tlsMode(TlsMode.DISABLED).connectTimeout(Duration.ofSeconds(10)).queryTimeout(Duration.ofSeconds(120));
        if (database != null) {
            b.database(database);
        }
        sources.add(SessionSources.loaded().open(b.build()));
        return "OPENED " + name;
    }

    private String view(String name, String[] sourceNames) throws Exception {
        LinkedBlockingQueue<Long> applied = new LinkedBlockingQueue<>();
        Background background = new Background(workers, r -> Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                applied.add(System.nanoTime());
            }
        }));
        View v = HeadlessWindow.onFx(() -> {
            SessionsViewModel m = new SessionsViewModel(spec -> {
                throw new UnsupportedOperationException("opened by the probe");
            }, background);
            m.refreshSecondsProperty().set(0);
            m.activeOnlyProperty().set(activeFirst);
            return new View(m, new SessionsView(m), applied);
        });
        SessionsViewModel model = v.model();
        views.put(name, v);
        for (String s : sourceNames) {
            SessionSource source = sources.stream().filter(x -> x.name().equals(s)).findFirst().orElseThrow();
            HeadlessWindow.onFx(() -> {
                model.addDataSource(source);
                return null;
            });
        }
        HeadlessWindow.onFx(() -> {
            model.showAllProperty().set(sourceNames.length > 1);
            return null;
        });
        // the first snapshots, so that the timed refreshes are diffs, as after the first second
        applied.poll(120, TimeUnit.SECONDS);
        for (int i = 1; i < sourceNames.length; i++) {
            applied.poll(120, TimeUnit.SECONDS);
        }
        return "VIEW " + name;
    }

    /** Refreshes and waits for {@code count} applied snapshots, then lays out the window showing that view. */
    private String refresh(String name, int count) throws Exception {
        View v = views.get(name);
        if (window.scene.getRoot() != v.view()) {
            HeadlessWindow.onFx(() -> {
                window.scene.setRoot(v.view());
                window.layout();
                return null;
            });
            // the pulses that draw the view now shown, before the timed refresh
            Thread.sleep(150);
        }
        v.applied().clear();
        long fxBefore = threads.getThreadCpuTime(fxThread);
        java.util.Map<Long, Long> workersBefore = workersCpu();
        long start = System.nanoTime();
        HeadlessWindow.onFx(() -> {
            v.model().refresh();
            return null;
        });
        for (int i = 0; i < count; i++) {
            if (v.applied().poll(120, TimeUnit.SECONDS) == null) {
                return "ERROR only " + i + " of " + count + " snapshots arrived in 120 s";
            }
        }
        HeadlessWindow.onFx(() -> {
            window.layout();
            return null;
        });
        double millis = (System.nanoTime() - start) / 1e6;
        double fx = (threads.getThreadCpuTime(fxThread) - fxBefore) / 1e6;
        long workerNanos = 0;
        for (java.util.Map.Entry<Long, Long> e : workersCpu().entrySet()) {
            workerNanos += e.getValue() - workersBefore.getOrDefault(e.getKey(), 0L);
        }
        return String.format(Locale.ROOT, "MS %.4f FX %.4f WORKERS %.4f", millis, fx, workerNanos / 1e6);
    }

    /** The CPU time of each refresh worker alive, in nanoseconds, by thread id. */
    private java.util.Map<Long, Long> workersCpu() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (Thread t : workerThreads) {
            long nanos = threads.getThreadCpuTime(t.getId());
            if (nanos >= 0) {
                out.put(t.getId(), nanos);
            }
        }
        return out;
    }

    private String auto(String name) throws Exception {
        View v = views.get(name);
        HeadlessWindow.onFx(() -> {
            window.scene.setRoot(v.view());
            v.model().refreshSecondsProperty().set(1);
            return null;
        });
        return "AUTO";
    }
}
