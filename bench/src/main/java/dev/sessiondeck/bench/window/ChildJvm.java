package dev.sessiondeck.bench.window;

import dev.sessiondeck.bench.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs of the window benchmarks: this benchmark's class path, the headless Monocle settings of
 * app's UI tests (1600 x 1000), the benchmark's logging and a settings folder of their own.
 */
public final class ChildJvm {

    /** The system properties of app's failsafe configuration (app/pom.xml). */
    static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.lcdtext=false", "-Djava.awt.headless=true", "-Dheadless.geometry=1600x1000-32");

    /** Children started so far in this run (numbers {@code {n}} in {@code bench.child.jvmArgs}). */
    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    private ChildJvm() {
    }

    /**
     * Starts {@code mainClass} with {@code args}; its standard error goes to ours. A start timed to
     * its first frame (a {@code javafx.preloader} among {@code jvmArgs}) keeps the application's own
     * logging, as a user's start has it, writing into a folder of the work directory; the others log
     * as the benchmark does.
     */
    public static Process start(Path workDir, List<String> jvmArgs, String mainClass, String... args) throws IOException {
        Path config = workDir.resolve("window-config");
        Files.createDirectories(config);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(HEADLESS);
        if (jvmArgs.stream().anyMatch(a -> a.startsWith("-Djavafx.preloader="))) {
            command.add("-Dsessiondeck.log.dir=" + workDir.resolve("window-logs"));
        } else {
            command.add(Report.LOGBACK);
        }
        command.add("-Dsessiondeck.config.dir=" + config);
        command.addAll(jvmArgs);
        // for profiling a child: -Dbench.child.jvmArgs="-XX:StartFlightRecording=filename=/tmp/x{n}.jfr",
        // {n} the child's number in this run (1, 2, ...), so that children started together write apart
        String extra = System.getProperty("bench.child.jvmArgs", "").strip()
                .replace("{n}", Integer.toString(STARTED.incrementAndGet()));
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Every line the child prints until it exits, waiting at most {@code minutes}: the lines are read
     * on a thread of their own, and a child still running then is killed with its children.
     */
    public static List<String> readAll(Process p, int minutes) throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the child was killed
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            kill(p);
            throw new IllegalStateException("the child JVM did not finish within " + minutes + " min");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return List.copyOf(lines);
    }

    /** Kills {@code p} and every process it started. */
    public static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
