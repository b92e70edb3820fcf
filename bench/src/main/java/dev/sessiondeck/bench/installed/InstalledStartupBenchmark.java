package dev.sessiondeck.bench.installed;

import dev.sessiondeck.bench.report.Figure;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.bench.window.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * spawning the process to that line's first number. One unmeasured start of each goes first
 * (JavaFX unpacks its native libraries once, files come into the page cache).
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
            List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < starts.size(); k++) {
                    int which = (i + k) % starts.size();
                    Report.progress("installed: run %d of %d, the %s", i + 1, runs, starts.get(which).name);
                    times.get(which).add(firstFrame(starts.get(which), display.name));
                }
            }
            String how = runs + " starts each, in turn (order rotated every round), display " + display.describe();
            Figure withCds = new Figure("installed.first-frame", Stats.of(times.get(1)), Stats.of(times.get(0)), "ms", 1.0,
                    "installed launcher " + launcher + " (AppCDS archive made at install) against java -jar " + jar + ", " + how);
            Figure withoutCds = new Figure("installed.first-frame.no-cds", Stats.of(times.get(2)), Stats.of(times.get(0)), "ms",
                    1.0, "the same launcher with -Xshare:off (no class data sharing at all) against the jar");
            report.line("## Installed package: start to first frame (issue 19)");
            report.line("");
            report.line("| figure | launcher | jar | ratio | target |");
            report.line("|---|---:|---:|---:|---|");
            report.line(withCds.row());
            report.line(withoutCds.row());
            report.line("");
            report.line(withCds.spread());
            report.line(withoutCds.spread());
            report.line("");
        }
    }

    /** Milliseconds from spawning {@code s} to the first frame it reports. */
    private double firstFrame(Start s, String display) throws Exception {
        Path config = workDir.resolve("installed-config");
        Files.createDirectories(config);
        ProcessBuilder pb = new ProcessBuilder(s.command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", display);
        env.put("JAVA_TOOL_OPTIONS", ("-Dsessiondeck.exitAfterFirstFrame=true -Dsessiondeck.config.dir=" + config
                + " " + s.jvmOptions).trim());
        long spawned = System.currentTimeMillis();
        Process p = pb.start();
        for (String line : ChildJvm.readAll(p, 2)) {
            if (line.startsWith("FIRST_FRAME ")) {
                return Long.parseLong(line.split(" ")[1]) - spawned;
            }
        }
        throw new IllegalStateException("the " + s.name + " showed no frame (exit " + p.exitValue() + ")");
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
