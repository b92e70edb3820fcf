package dev.sessiondeck.bench.window;

import dev.sessiondeck.app.Launcher;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Section 3 of docs/benchmarks.md: the window, measured in child JVMs on the headless Monocle
 * platform (the settings of app's UI tests), one child per kind of measurement so that none
 * disturbs another's heap or JIT: {@link TableModelProbe}, the application itself with
 * {@link FirstFrameProbe}, and {@link RefreshLoadProbe}.
 */
public final class WindowBenchmark {

    static final double FRAME_MS = 16;
    static final double HEAP_MIB = 150;
    static final double STARTUP_MS = 2000;
    static final double CPU_PERCENT = 5;
    static final int REFRESH_SESSIONS = 5_000;
    private final Path workDir;
    private final boolean quick;

    public WindowBenchmark(Path workDir, boolean quick) {
        this.workDir = workDir;
        this.quick = quick;
    }

    public void run(Report report) throws Exception {
        report.line("## 3. The window (headless Monocle, software rendering, child JVMs)");
        report.line("");
        report.line("| figure | min / median / max | samples | target | |");
        report.line("|---|---:|---:|---|---|");
        tableModel(report);
        startup(report);
        refreshLoad(report);
        report.line("");
    }

    private void tableModel(Report report) throws Exception {
        Report.progress("window: table model, search, heap");
        Process p = start(List.of(), TableModelProbe.class.getName(), Integer.toString(quick ? 8 : 40));
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String line : readAll(p, 10)) {
            if (line.startsWith("SAMPLES ")) {
                String[] f = line.split(" ");
                samples.put(f[1], Arrays.stream(f[2].split(",")).map(Double::parseDouble).toList());
            }
        }
        row(report, "first snapshot of a data source, 10,000 new rows, FX thread (ms)", samples.get("apply-first-10000"), 2, null);
        row(report, "applying a 10,000-session snapshot, FX thread (ms)", samples.get("apply-10000"), 2, FRAME_MS);
        row(report, "the same plus CSS and layout of the window (ms)", samples.get("apply-10000-with-layout"), 2, FRAME_MS);
        row(report, "one keystroke in the user column's search, 100,000 rows (ms)", samples.get("keystroke-100000"), 2, FRAME_MS);
        row(report, "the same plus CSS and layout of the window (ms)", samples.get("keystroke-100000-with-layout"), 2, FRAME_MS);
        row(report, "heap after GC, window shown, no sessions (MiB)", samples.get("heap-empty-window"), 1, null);
        row(report, "heap after GC, 100,000 sessions loaded (MiB)", samples.get("heap-100000"), 1, HEAP_MIB);
    }

    private void startup(Report report) throws Exception {
        int runs = quick ? 2 : 10;
        List<Double> spawnToFrame = new ArrayList<>();
        List<Double> jvmToFrame = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Report.progress("window: start to first frame, run %d of %d", i + 1, runs);
            long spawned = System.currentTimeMillis();
            Process p = start(List.of("-Djavafx.preloader=" + FirstFrameProbe.class.getName()), Launcher.class.getName());
            for (String line : readAll(p, 2)) {
                if (line.startsWith("FIRST_FRAME ")) {
                    String[] f = line.split(" ");
                    spawnToFrame.add((double) (Long.parseLong(f[1]) - spawned));
                    jvmToFrame.add((double) (Long.parseLong(f[1]) - Long.parseLong(f[2])));
                }
            }
        }
        row(report, "process start to the first frame of SessionDeckApp (ms)", spawnToFrame, 0, STARTUP_MS);
        row(report, "JVM start (RuntimeMXBean) to the first frame (ms)", jvmToFrame, 0, STARTUP_MS);
    }

    /**
     * The window's process with auto-refresh every second, measured for two minutes in a row from
     * 10 s after the first snapshot was shown: the first minute still pays the JIT compiling the
     * refresh's code (it runs once a second, so it takes a minute or two to become hot), the second
     * shows what a window left open costs. Each minute gives its CPU per 5 s, its average (the
     * target), and how much of it the JIT compiler threads used.
     */
    private void refreshLoad(Report report) throws Exception {
        int seconds = quick ? 10 : 60;
        int window = 5;
        Report.progress("window: auto-refresh every 1 s over %d sessions for 2 x %d s", REFRESH_SESSIONS, seconds);
        long ticksPerSecond = clockTicks();
        Process p = start(List.of(), RefreshLoadProbe.class.getName(), Integer.toString(REFRESH_SESSIONS));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                Report.progress("child: %s", line);
            }
            // past start-up and the first compilations of the window's code
            Thread.sleep(10_000);
            String[] names = {"first", "second"};
            for (int minute = 0; minute < 2; minute++) {
                String span = String.format("%d–%d s after the first snapshot", 10 + minute * seconds,
                        10 + (minute + 1) * seconds);
                List<Double> percent = new ArrayList<>();
                long first = cpuTicks(p.pid());
                long firstJit = jitTicks(p.pid());
                long previous = first;
                long startNanos = System.nanoTime();
                for (int s = 0; s < seconds / window; s++) {
                    long before = System.nanoTime();
                    Thread.sleep(window * 1000L);
                    long now = cpuTicks(p.pid());
                    percent.add(100.0 * (now - previous) / ticksPerSecond / ((System.nanoTime() - before) / 1e9));
                    previous = now;
                }
                double elapsed = (System.nanoTime() - startNanos) / 1e9;
                double average = 100.0 * (previous - first) / ticksPerSecond / elapsed;
                double jit = 100.0 * (jitTicks(p.pid()) - firstJit) / ticksPerSecond / elapsed;
                row(report, String.format("CPU of the window's process, refresh every 1 s, %,d sessions, per %d s, %s minute (%s; %% of one core)",
                        REFRESH_SESSIONS, window, names[minute], span), percent, 2, null);
                report.line("| the same, average over the %s minute (%% of one core) | %.2f | 1 | average < %.0f %% | %s |",
                        names[minute], average, CPU_PERCENT, Report.verdict(average < CPU_PERCENT));
                report.line("| of which the JIT compiler threads (%% of one core) | %.2f | 1 | none | |", jit);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private void row(Report report, String figure, List<Double> samples, int decimals, Double target) {
        if (samples == null || samples.isEmpty()) {
            report.line("| %s | not measured (see the child's output) | 0 | | |", figure);
            return;
        }
        Stats s = Stats.of(samples);
        report.line("| %s | %s | %d | %s | %s |", figure, s.format(decimals), s.count(),
                target == null ? "none" : (figure.contains("heap") ? "all" : "median") + " < " + target.intValue(),
                target == null ? "" : Report.verdict(figure.contains("heap") ? s.max() < target : s.median() < target));
    }

    private Process start(List<String> jvmArgs, String mainClass, String... args) throws IOException {
        return ChildJvm.start(workDir, jvmArgs, mainClass, args);
    }

    private static List<String> readAll(Process p, int minutes) throws Exception {
        return ChildJvm.readAll(p, minutes);
    }

    /** utime + stime of a process, in clock ticks ({@code /proc/<pid>/stat}, fields 14 and 15). */
    public static long cpuTicks(long pid) throws IOException {
        return statTicks(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime from a process's or thread's {@code stat} file (fields 14 and 15). */
    private static long statTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** utime + stime of the process's JIT compiler threads (C1 and C2), in clock ticks, from {@code /proc/<pid>/task}. */
    static long jitTicks(long pid) throws IOException {
        return threadTicks(pid).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    /**
     * utime + stime of a process's live threads grouped by name with the trailing digits taken out ("C2
     * CompilerThre#", "GC Thread##" for "GC Thread#0", "refresh-worker"), in clock ticks, from {@code /proc/<pid>/task}.
     * Threads that ended are not counted: compare two readings only for long-lived threads.
     */
    public static java.util.Map<String, Long> threadTicks(long pid) throws IOException {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+$", "#");
                    ticks.merge(name, statTicks(task.resolve("stat")), Long::sum);
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return ticks;
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}), 100 where it cannot be asked. */
    public static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 100;
            }
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
