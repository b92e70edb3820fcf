package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Figure;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.bench.window.ChildJvm;
import dev.sessiondeck.bench.window.CommandChild;
import dev.sessiondeck.bench.window.WindowBenchmark;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import dev.sessiondeck.core.source.postgres.PostgresProtocol;
import dev.sessiondeck.core.source.postgres.PostgresSessionSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The figures of the {@code ratios} part that need a real server (issue 20): each against its
 * baseline in the same run, interleaved where both can be timed in turn.
 *
 * <ul>
 *   <li>MariaDB: {@code snapshot.mariadb} (1,000 sessions), {@code merged.sources} and
 *       {@code merged.dead-source} (10 data sources on the server, each listing its 1,000 sessions),
 *       then {@code refresh.mytop} (16,000 sessions).</li>
 *   <li>PostgreSQL: {@code snapshot.postgres} (1,000 backends), then {@code refresh.cpu} (5,000).</li>
 * </ul>
 * The peers (mytop, pg_activity) are Debian packages, installed by {@link Peers} when missing.
 */
public final class ServerRatios {

    static final int SESSIONS = 1_000;
    static final int SOURCES = 10;
    static final int MYTOP_SESSIONS = 16_000;
    static final int CPU_SESSIONS = 5_000;

    private final Path workDir;
    private final int iterations;
    private final boolean quick;
    private final java.util.concurrent.Callable<List<String>> shipped;

    /**
     * @param shipped the JVM options SessionDeck's package starts the window with (its AppCDS
     *                archive), asked for when {@code refresh.cpu} starts its window processes
     */
    public ServerRatios(Path workDir, int iterations, boolean quick, java.util.concurrent.Callable<List<String>> shipped) {
        this.workDir = workDir;
        this.iterations = iterations;
        this.quick = quick;
        this.shipped = shipped;
    }

    /** {@code snapshot.mariadb}, {@code merged.sources}, {@code merged.dead-source}, {@code refresh.mytop}. */
    public List<Figure> mariaDb(Report report) throws Exception {
        List<Figure> out = new ArrayList<>();
        int most = quick ? 3_000 : MYTOP_SESSIONS;
        try (BenchMariaDb server = BenchMariaDb.start(workDir.resolve("mariadb-ratios"), most + 300);
             SessionCrowd crowd = new SessionCrowd(server::connect)) {
            crowd.startSleepers(ServerBenchmark.SLEEPERS, "SELECT SLEEP(600)");
            stopped(crowd.growTo(SESSIONS));
            ConnectionSpec spec = server.spec();
            try (SessionSource source = SessionSources.loaded().open(spec);
                 Connection raw = raw(spec, MySqlProtocol.INSTANCE.jdbcUrl(spec), MySqlProtocol.INSTANCE.driverProperties(spec))) {
                Report.progress("ratios: snapshot.mariadb");
                ServerBenchmark.Measured m = ServerBenchmark.measure(source, raw, ServerBenchmark.MARIADB_STATEMENTS,
                        iterations);
                out.add(new Figure("snapshot.mariadb", m.snapshot(), m.raw(), "ms", 1.15,
                        String.format("%,d sessions, %s, %d interleaved rounds", m.rows(), source.describe(), iterations)));
            }
            try (BlackHoleProxy proxy = BlackHoleProxy.start(server.port());
                 CommandChild child = CommandChild.start(workDir, "mariadb", "root", null)) {
                merged(out, child, spec, proxy);
                Report.progress("ratios: refresh.mytop, opening %,d sessions", most);
                stopped(crowd.growTo(most));
                out.add(mytop(child, server.port(), crowd.size()));
            }
        }
        return out;
    }

    /**
     * 10 data sources over one server; one of them through {@code proxy}, black-holed halfway. In the
     * same rounds as {@code merged.sources}, its raw floor ({@link RawFloor}) for the figure's note.
     */
    private void merged(List<Figure> out, CommandChild child, ConnectionSpec spec, BlackHoleProxy proxy) throws Exception {
        Report.progress("ratios: merged.sources");
        int port = spec.port();
        List<String> names = IntStream.rangeClosed(1, SOURCES).mapToObj(i -> "s" + i).toList();
        for (String n : names) {
            child.ask("open " + n + " " + port);
        }
        child.ask("open dead " + proxy.port());
        child.ask("view merged " + String.join(" ", names));
        for (String n : names) {
            child.ask("view single-" + n + " " + n);
        }
        List<Double> merged = new ArrayList<>();
        Map<String, List<Double>> single = new HashMap<>();
        int rounds = quick ? 10 : Math.max(30, iterations / 2);
        // how busy the processor is during each kind of refresh: every process of this run (the window's,
        // the server, this one), CPU ticks over wall time, in cores
        long self = ProcessHandle.current().pid();
        double[] mergedCpu = new double[2];
        double[] singleCpu = new double[2];
        // the raw floor, in the same rounds: ten plain listings started together, and one alone
        List<Double> rawTen = new ArrayList<>();
        List<Double> rawOne = new ArrayList<>();
        double[] rawTenCpu = new double[2];
        double[] rawOneCpu = new double[2];
        // the window process's own CPU in each timed refresh: its JavaFX thread, its refresh workers (ms)
        List<Double> mergedFx = new ArrayList<>();
        List<Double> mergedWorkers = new ArrayList<>();
        List<Double> singleFx = new ArrayList<>();
        List<Double> singleWorkers = new ArrayList<>();
        int rawRows;
        try (RawFloor floor = RawFloor.open(spec, SOURCES)) {
            for (int i = 0; i < rounds + 5; i++) {
                String one = names.get(i % SOURCES);
                int k = i % SOURCES;
                boolean counted = i >= 5;
                double a;
                double b;
                double c;
                double d;
                double[] bCpu;
                double[] mergedCpuOf;
                // the order of the four is reversed every other round
                if (i % 2 == 0) {
                    a = busy(self, () -> child.refreshMillis("merged", SOURCES), counted ? mergedCpu : null);
                    mergedCpuOf = child.lastCpu();
                    b = busy(self, () -> child.refreshMillis("single-" + one, 1), counted ? singleCpu : null);
                    bCpu = child.lastCpu();
                    c = busy(self, floor::ten, counted ? rawTenCpu : null);
                    d = busy(self, () -> floor.one(k), counted ? rawOneCpu : null);
                } else {
                    d = busy(self, () -> floor.one(k), counted ? rawOneCpu : null);
                    c = busy(self, floor::ten, counted ? rawTenCpu : null);
                    b = busy(self, () -> child.refreshMillis("single-" + one, 1), counted ? singleCpu : null);
                    bCpu = child.lastCpu();
                    a = busy(self, () -> child.refreshMillis("merged", SOURCES), counted ? mergedCpu : null);
                    mergedCpuOf = child.lastCpu();
                }
                if (counted) {
                    merged.add(a);
                    single.computeIfAbsent(one, key -> new ArrayList<>()).add(b);
                    rawTen.add(c);
                    rawOne.add(d);
                    mergedFx.add(mergedCpuOf[0]);
                    mergedWorkers.add(mergedCpuOf[1]);
                    singleFx.add(bCpu[0]);
                    singleWorkers.add(bCpu[1]);
                }
            }
            rawRows = floor.rows();
        }
        Stats tenRaw = Stats.of(rawTen);
        Stats oneRaw = Stats.of(rawOne);
        long ticks = WindowBenchmark.clockTicks();
        String slowest = single.entrySet().stream()
                .max((x, y) -> Double.compare(Stats.of(x.getValue()).median(), Stats.of(y.getValue()).median()))
                .orElseThrow().getKey();
        out.add(new Figure("merged.sources", Stats.of(merged), Stats.of(single.get(slowest)), "ms", 1.3,
                String.format("10 data sources of %,d sessions each on one server (10,000 rows merged), from refresh to"
                        + " all ten applied and laid out; baseline the slowest single source (%s; medians of the ten: %s ms);"
                        + " processor busy during the refreshes (window, server and benchmark processes): %.2f cores for"
                        + " the merged view, %.2f for a single source, of %d. Raw floor in the same rounds (plain JDBC,"
                        + " no SessionDeck code: the MariaDB data source's statements for a listing, %,d rows, every row"
                        + " read, on connections with its URL and driver settings): ten raw listings in parallel %.1f ms,"
                        + " one alone %.1f ms, ratio %.2f (ten %s, one %s ms, min / median / max); processor busy %.2f"
                        + " cores during the ten, %.2f during one. The window process's CPU per refresh (medians): the"
                        + " merged view's JavaFX thread %.1f ms and refresh workers %.1f ms (listing, mapping, diffing of"
                        + " the ten), a single source's %.1f and %.1f ms",
                        SESSIONS, slowest, single.values().stream().map(v -> String.format("%.1f", Stats.of(v).median()))
                                .collect(Collectors.joining(", ")),
                        mergedCpu[0] / ticks / (mergedCpu[1] / 1000), singleCpu[0] / ticks / (singleCpu[1] / 1000),
                        Runtime.getRuntime().availableProcessors(), rawRows, tenRaw.median(), oneRaw.median(),
                        tenRaw.median() / oneRaw.median(), tenRaw.format(1), oneRaw.format(1),
                        rawTenCpu[0] / ticks / (rawTenCpu[1] / 1000), rawOneCpu[0] / ticks / (rawOneCpu[1] / 1000),
                        Stats.of(mergedFx).median(), Stats.of(mergedWorkers).median(), Stats.of(singleFx).median(),
                        Stats.of(singleWorkers).median())));

        Report.progress("ratios: merged.dead-source");
        List<String> withDead = new ArrayList<>(names.subList(0, SOURCES - 1));
        withDead.add("dead");
        child.ask("view dead " + String.join(" ", withDead));
        proxy.blackHole();
        List<Double> nine = new ArrayList<>();
        List<Double> ten = new ArrayList<>();
        for (int i = 0; i < rounds + 5; i++) {
            double a;
            double b;
            if (i % 2 == 0) {
                a = child.refreshMillis("dead", SOURCES - 1);
                b = child.refreshMillis("merged", SOURCES);
            } else {
                b = child.refreshMillis("merged", SOURCES);
                a = child.refreshMillis("dead", SOURCES - 1);
            }
            if (i >= 5) {
                nine.add(a);
                ten.add(b);
            }
        }
        out.add(new Figure("merged.dead-source", Stats.of(nine), Stats.of(ten), "ms", 1.1,
                "the same 10 data sources with one behind a loopback proxy that stopped answering: time until the other"
                        + " nine are applied and laid out, against all ten without it"));
    }

    /** {@code refresh.mytop}: one full refresh of a view over the server, against one run of {@code mytop -b}. */
    private Figure mytop(CommandChild child, int port, int sessions) throws Exception {
        String mytop = Peers.require("mytop", "mariadb-client", "libdbi-perl", "libdbd-mariadb-perl", "libterm-readkey-perl");
        child.ask("view full s1");
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        int rounds = quick ? 3 : 12;
        for (int i = 0; i < rounds + 2; i++) {
            double a;
            double b;
            if (i % 2 == 0) {
                a = child.refreshMillis("full", 1);
                b = runMytop(mytop, port);
            } else {
                b = runMytop(mytop, port);
                a = child.refreshMillis("full", 1);
            }
            if (i >= 2) {
                ours.add(a);
                theirs.add(b);
            }
        }
        return new Figure("refresh.mytop", Stats.of(ours), Stats.of(theirs), "ms", 0.33,
                String.format("%,d sessions: SessionDeck's snapshot applied to the window's table and laid out, against"
                        + " `mytop -b` (batch mode: one refresh printed) from start to exit", sessions));
    }

    /**
     * Wall time of one {@code mytop -b} run against the server, its output written to a file and read
     * after, in milliseconds; a run over 2 minutes is killed with its children and fails the figure.
     */
    private double runMytop(String mytop, int port) throws Exception {
        Path output = workDir.resolve("mytop.out");
        long t = System.nanoTime();
        Process p = new ProcessBuilder(mytop, "-b", "--nocolor", "-h", "127.0.0.1", "-P", Integer.toString(port), "-u", "root",
                "-d", "mysql").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        double millis = (System.nanoTime() - t) / 1e6;
        if (!ended) {
            ChildJvm.kill(p);
            throw new IllegalStateException("mytop did not finish within 2 minutes");
        }
        if (p.exitValue() != 0) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            throw new IllegalStateException("mytop failed: " + text.substring(0, Math.min(text.length(), 2000)));
        }
        return millis;
    }

    /** {@code snapshot.postgres} and {@code refresh.cpu}. */
    public List<Figure> postgres(Report report) throws Exception {
        List<Figure> out = new ArrayList<>();
        int most = quick ? 1_500 : CPU_SESSIONS;
        try (BenchPostgres server = BenchPostgres.start(workDir.resolve("postgres-ratios"), most + 100);
             SessionCrowd crowd = new SessionCrowd(server::connect)) {
            crowd.startSleepers(ServerBenchmark.SLEEPERS, "SELECT pg_sleep(600)");
            stopped(crowd.growTo(SESSIONS));
            ConnectionSpec spec = server.spec();
            try (SessionSource source = SessionSources.loaded().open(spec);
                 Connection raw = raw(spec, PostgresProtocol.INSTANCE.jdbcUrl(spec), PostgresProtocol.INSTANCE.driverProperties(spec))) {
                Report.progress("ratios: snapshot.postgres");
                ServerBenchmark.Measured m = ServerBenchmark.measure(source, raw,
                        List.of(PostgresSessionSource.listSql(((PostgresSessionSource) source).serverInfo().version())),
                        iterations);
                out.add(new Figure("snapshot.postgres", m.snapshot(), m.raw(), "ms", 1.15,
                        String.format("%,d backends, %s, %d interleaved rounds", m.rows(), source.describe(), iterations)));
            }
            Report.progress("ratios: refresh.cpu, opening %,d backends", most);
            stopped(crowd.growTo(most));
            out.add(cpu(spec, crowd.size()));
        }
        return out;
    }

    /**
     * {@code refresh.cpu}: a new window process refreshing every second over the server and
     * pg_activity refreshing every second over the same server, started together, their CPU time
     * (utime + stime of the process and its children, {@code /proc}) over the same two minutes.
     * Both window processes start as the package starts the window, with its AppCDS archive
     * ({@code StartupArchive}). pg_activity shows the running queries only (it has no way to show idle backends), so the
     * window shows what it shows: View Active Sessions Only, whose listings leave the idle backends
     * to the server ({@code SnapshotScope.BUSY}). A second window process showing all sessions runs in
     * the same minutes; its CPU is in the figure's note.
     */
    private Figure cpu(ConnectionSpec spec, int sessions) throws Exception {
        String pgActivity = Peers.require("pg_activity", "pg-activity");
        long ticks = WindowBenchmark.clockTicks();
        int seconds = quick ? 20 : 120;
        int window = 10;
        // both window processes as the package starts them: with its AppCDS archive
        List<String> asShipped = shipped.call();
        try (CommandChild child = CommandChild.start(workDir, asShipped, "postgresql", spec.user(), spec.database().orElse(null));
             CommandChild everything = CommandChild.start(workDir, asShipped, "postgresql", spec.user(),
                     spec.database().orElse(null))) {
            // the first shows active sessions only from its first listing, as a user who keeps the toggle on
            child.ask("active-first");
            for (CommandChild c : List.of(child, everything)) {
                c.ask("open pg " + spec.port());
                c.ask("view pg pg");
            }
            String command = "stty cols 200 rows 50; exec " + pgActivity + " -h 127.0.0.1 -p " + spec.port() + " -U "
                    + spec.user() + " -d " + spec.database().orElse("postgres") + " --refresh 1";
            ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null");
            pb.environment().put("TERM", "xterm-256color");
            pb.redirectOutput(workDir.resolve("pg_activity.out").toFile()).redirectErrorStream(true);
            Process peer = pb.start();
            try {
                child.ask("auto pg");
                everything.ask("auto pg");
                long[] pids = {child.pid(), peer.pid(), everything.pid()};
                List<List<Double>> per = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                long[] before = new long[3];
                for (int i = 0; i < 3; i++) {
                    before[i] = treeTicks(pids[i]);
                }
                long[] first = before.clone();
                long start = System.nanoTime();
                java.util.Map<String, Long> threadsFirst = WindowBenchmark.threadTicks(child.pid());
                java.util.Map<String, Long> allThreadsFirst = WindowBenchmark.threadTicks(everything.pid());
                for (int s = 0; s < seconds / window; s++) {
                    long t = System.nanoTime();
                    Thread.sleep(window * 1000L);
                    if (!peer.isAlive()) {
                        throw new IllegalStateException("pg_activity ended: " + Files.readString(workDir.resolve("pg_activity.out")));
                    }
                    double elapsed = (System.nanoTime() - t) / 1e9;
                    for (int i = 0; i < 3; i++) {
                        long now = treeTicks(pids[i]);
                        per.get(i).add(100.0 * (now - before[i]) / ticks / elapsed);
                        before[i] = now;
                    }
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                // the figure is the average over the two minutes; the spread is of the 10 s windows
                Stats[] stats = new Stats[3];
                for (int i = 0; i < 3; i++) {
                    Stats windows = Stats.of(per.get(i));
                    stats[i] = new Stats(windows.min(), 100.0 * (before[i] - first[i]) / ticks / elapsed, windows.max(),
                            per.get(i).size());
                }
                String byThread = byThread(threadsFirst, WindowBenchmark.threadTicks(child.pid()), ticks, elapsed);
                String allByThread = byThread(allThreadsFirst, WindowBenchmark.threadTicks(everything.pid()), ticks, elapsed);
                Report.progress("ratios: refresh.cpu by thread: %s", byThread);
                Report.progress("ratios: refresh.cpu, all sessions shown, by thread: %s", allByThread);
                return new Figure("refresh.cpu", stats[0], stats[1], "% of a core", 2.0, String.format(Locale.ROOT,
                        "%,d backends, refresh every 1 s, the first %d s of a new window process (with the package's AppCDS archive) showing active sessions"
                                + " only from its first listing (as pg_activity does) against pg_activity %s (--refresh 1, in a pseudo-terminal) in the"
                                + " same seconds; the value is the average over the whole time, min and max those of %d s"
                                + " windows; ours by thread (%% of a core): %s. A second window process showing all %,d"
                                + " sessions in the same seconds: %.2f (%.2f to %.2f) %% of a core, ratio %.2f; by thread: %s",
                        sessions, seconds, version(pgActivity), window, byThread, sessions, stats[2].median(),
                        stats[2].min(), stats[2].max(), stats[2].median() / stats[1].median(), allByThread));
            } finally {
                // script and the pg_activity under it
                ChildJvm.kill(peer);
            }
        }
    }

    /** The threads' CPU between two readings, as "name 1.23, ..." in % of a core, the largest first, those above 0.1 %. */
    private static String byThread(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long ticks,
            double seconds) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(),
                        100.0 * (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / ticks / seconds))
                .filter(e -> e.getValue() >= 0.1)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The raw floor of {@code merged.sources}: what MariaDB's data source runs for a listing
     * ({@link ServerBenchmark#MARIADB_STATEMENTS}) with plain JDBC, no SessionDeck code, on connections
     * with the URL and driver settings its pool uses, every row read. {@link #ten()} starts ten
     * listings together on ten connections from a fixed pool of ten threads; {@link #one(int)} runs one
     * alone. Both return the wall time until every row is read, in milliseconds.
     */
    private static final class RawFloor implements AutoCloseable {

        /** The longest wait for the ten listings of one round, in seconds (each statement's query timeout is 60 s). */
        private static final long WAIT_SECONDS = 150;

        private final List<Connection> connections = new ArrayList<>();
        private final ThreadPoolExecutor pool;
        private volatile int rows;

        private RawFloor(int count) {
            AtomicInteger n = new AtomicInteger();
            pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "raw-floor-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.prestartAllCoreThreads();
        }

        /** {@code count} connections to the server of {@code spec} and as many threads. */
        static RawFloor open(ConnectionSpec spec, int count) throws Exception {
            RawFloor floor = new RawFloor(count);
            try {
                for (int i = 0; i < count; i++) {
                    floor.connections.add(raw(spec, MySqlProtocol.INSTANCE.jdbcUrl(spec),
                            MySqlProtocol.INSTANCE.driverProperties(spec)));
                }
                return floor;
            } catch (Throwable e) {
                try {
                    floor.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        /** One listing alone on the {@code k}-th connection, in this thread, in milliseconds. */
        double one(int k) throws Exception {
            long t = System.nanoTime();
            rows = ServerBenchmark.rawListing(connections.get(k), ServerBenchmark.MARIADB_STATEMENTS);
            return (System.nanoTime() - t) / 1e6;
        }

        /** Ten listings started together, one on each connection, until all have read every row, in milliseconds. */
        double ten() throws Exception {
            long t = System.nanoTime();
            List<Future<Integer>> listings = new ArrayList<>();
            for (Connection c : connections) {
                listings.add(pool.submit(() -> ServerBenchmark.rawListing(c, ServerBenchmark.MARIADB_STATEMENTS)));
            }
            long deadline = t + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            try {
                for (Future<Integer> f : listings) {
                    rows = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                listings.forEach(f -> f.cancel(true));
                throw new IllegalStateException("ten raw listings did not finish within " + WAIT_SECONDS + " s", e);
            }
            return (System.nanoTime() - t) / 1e6;
        }

        /** The rows the last listing read. */
        int rows() {
            return rows;
        }

        @Override
        public void close() throws Exception {
            try {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } finally {
                for (Connection c : connections) {
                    try {
                        c.close();
                    } catch (java.sql.SQLException ignored) {
                        // closing the others matters more
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Timed {
        double millis() throws Exception;
    }

    /**
     * Runs {@code refresh} and, when {@code sum} is given, adds the CPU ticks of this process and its
     * descendants during it to {@code sum[0]} and its wall time in milliseconds to {@code sum[1]}.
     */
    private static double busy(long self, Timed refresh, double[] sum) throws Exception {
        long before = treeTicks(self);
        long start = System.nanoTime();
        double millis = refresh.millis();
        if (sum != null) {
            sum[0] += treeTicks(self) - before;
            sum[1] += (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /** utime + stime of a process and all its descendants, in clock ticks. */
    private static long treeTicks(long pid) throws IOException {
        long sum = WindowBenchmark.cpuTicks(pid);
        for (ProcessHandle h : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            try {
                sum += WindowBenchmark.cpuTicks(h.pid());
            } catch (IOException gone) {
                // ended between the listing and the read
            }
        }
        return sum;
    }

    /** What {@code command --version} prints, within 10 s; empty when it cannot say. */
    private String version(String command) throws InterruptedException {
        try {
            Path out = workDir.resolve("version.out");
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                ChildJvm.kill(p);
                return "";
            }
            String v = Files.readString(out, StandardCharsets.UTF_8).trim();
            return v.replace(command, "").replace("pg_activity", "").trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static Connection raw(ConnectionSpec spec, String url, Properties p) throws Exception {
        p.setProperty("user", spec.user());
        p.setProperty("password", new String(spec.password()));
        return DriverManager.getConnection(url, p);
    }

    private static void stopped(String why) {
        if (why != null) {
            throw new IllegalStateException("could not open the sessions: " + why);
        }
    }
}
