package dev.sessiondeck.bench.installed;

import dev.sessiondeck.bench.report.Figure;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.bench.window.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code installed} part (issue 19): the installed package's launcher
 * ({@code /opt/sessiondeck/bin/sessiondeck}, made by {@code mvn -Ppackage,installer}) against
 * {@code java -jar app/target/sessiondeck.jar}, each started {@code runs} times, in turn, to its
 * first frame on an X display (DISPLAY, else a private Xvfb 1920x1080 this part starts). A third
 * start is the launcher with {@code -Xshare:off}: the package without its AppCDS archive (the
 * jlink runtime has no default CDS archive either). Every start gets
 * {@code -Dsessiondeck.exitAfterFirstFrame=true} and a settings folder of the benchmark's through
 * {@code JAVA_TOOL_OPTIONS}, which the launcher's JVM reads as {@code java} does; the app prints
 * {@code FIRST_FRAME <epoch ms> <JVM start epoch ms>} and closes. Times are milliseconds from
 * spawning the process to that line's first number, and the process's CPU time (user and system,
 * all threads) read when that line arrives: on a busy machine the wall time grows with the load,
 * the CPU time much less. One unmeasured start of each goes first (JavaFX unpacks its native
 * libraries once, files come into the page cache).
 */
public final class InstalledStartupBenchmark {

    private final Path launcher;
    private final Path jar;
    private final Path workDir;
    private final int runs;

    public InstalledStartupBenchmark(Path launcher, Path jar, Path workDir, boolean quick) {
        this.launcher = launcher;
        this.jar = jar;
        this.workDir = workDir;
        this.runs = quick ? 2 : 10;
    }

    public void run(Report report) throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher
                    + " (build and install the package: mvn -B -Ppackage,installer -pl packaging -am package -DskipTests,"
                    + " then dpkg -i packaging/target/installers/sessiondeck_*.deb)");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + " (mvn -B package -pl core,app -DskipTests)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Start> starts = List.of(
                new Start("jar", List.of(java, "-jar", jar.toString()), ""),
                new Start("launcher", List.of(launcher.toString()), ""),
                new Start("launcher -Xshare:off", List.of(launcher.toString()), "-Xshare:off"));
        try (Display display = Display.open()) {
            for (Start s : starts) {
                Report.progress("installed: warm-up start of the %s", s.name);
                firstFrame(s, display.name);
            }
            List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < starts.size(); k++) {
                    int which = (i + k) % starts.size();
                    Report.progress("installed: run %d of %d, the %s", i + 1, runs, starts.get(which).name);
                    samples.get(which).add(firstFrame(starts.get(which), display.name));
                }
            }
            String how = runs + " starts each, in turn (order rotated every round), display " + display.describe();
            List<Figure> figures = List.of(
                    new Figure("installed.first-frame", wall(samples.get(1)), wall(samples.get(0)), "ms", 1.0,
                            "spawn to first frame, installed launcher " + launcher + " (AppCDS archive made at install) against"
                                    + " java -jar " + jar + ", " + how),
                    new Figure("installed.first-frame.no-cds", wall(samples.get(2)), wall(samples.get(0)), "ms", 1.0,
                            "the same launcher with -Xshare:off (no class data sharing at all) against the jar"),
                    new Figure("installed.first-frame-cpu", cpu(samples.get(1)), cpu(samples.get(0)), "ms", 1.0,
                            "CPU time (user + system) of the process up to its first frame, same starts"),
                    new Figure("installed.first-frame-cpu.no-cds", cpu(samples.get(2)), cpu(samples.get(0)), "ms", 1.0,
                            "the same with -Xshare:off"));
            report.line("## Installed package: start to first frame (issue 19)");
            report.line("");
            report.line("| figure | launcher | jar | ratio | target |");
            report.line("|---|---:|---:|---:|---|");
            figures.forEach(f -> report.line(f.row()));
            report.line("");
            figures.forEach(f -> report.line(f.spread()));
            report.line("");
        }
    }

    /** Milliseconds from spawning {@code s} to the first frame it reports, and its CPU time then. */
    private Sample firstFrame(Start s, String display) throws Exception {
        Path config = workDir.resolve("installed-config");
        Files.createDirectories(config);
        ProcessBuilder pb = new ProcessBuilder(s.command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", display);
        env.put("JAVA_TOOL_OPTIONS", ("-Dsessiondeck.exitAfterFirstFrame=true -Dsessiondeck.config.dir=" + config
                + " " + s.jvmOptions).trim());
        long spawned = System.currentTimeMillis();
        Process p = pb.start();
        // a start that hangs is killed after 2 minutes; its output then ends
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    ChildJvm.kill(p);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "installed-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Sample sample = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (sample == null && line.startsWith("FIRST_FRAME ")) {
                    Duration cpu = p.info().totalCpuDuration().orElse(Duration.ZERO);
                    sample = new Sample(Long.parseLong(line.split(" ")[1]) - spawned, cpu.toNanos() / 1e6);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            ChildJvm.kill(p);
        }
        if (sample == null) {
            throw new IllegalStateException("the " + s.name + " showed no frame");
        }
        return sample;
    }

    private static Stats wall(List<Sample> samples) {
        return Stats.of(samples.stream().map(Sample::wallMillis).toList());
    }

    private static Stats cpu(List<Sample> samples) {
        return Stats.of(samples.stream().map(Sample::cpuMillis).toList());
    }

    /** One start: spawn to first frame and the process's CPU time then, both in milliseconds. */
    private record Sample(double wallMillis, double cpuMillis) {
    }

    private record Start(String name, List<String> command, String jvmOptions) {
    }

    /** The X display: DISPLAY when set, else a private Xvfb on the first free display from :91. */
    private static final class Display implements AutoCloseable {
        final String name;
        final Process xvfb;

        private Display(String name, Process xvfb) {
            this.name = name;
            this.xvfb = xvfb;
        }

        static Display open() throws IOException, InterruptedException {
            String current = System.getenv("DISPLAY");
            if (current != null && !current.isBlank()) {
                return new Display(current, null);
            }
            for (int n = 91; n < 100; n++) {
                Path socket = Path.of("/tmp/.X11-unix/X" + n);
                if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                    continue;
                }
                Process x = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                for (int i = 0; i < 100 && x.isAlive() && !Files.exists(socket); i++) {
                    Thread.sleep(100);
                }
                if (Files.exists(socket)) {
                    return new Display(":" + n, x);
                }
                x.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            throw new IllegalStateException("no DISPLAY and no Xvfb could start (Debian: apt-get install xvfb)");
        }

        String describe() {
            return xvfb == null ? name : "Xvfb " + name + " 1920x1080x24";
        }

        @Override
        public void close() throws InterruptedException {
            if (xvfb != null) {
                xvfb.destroy();
                if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
                    xvfb.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
