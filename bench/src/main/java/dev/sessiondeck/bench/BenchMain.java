package dev.sessiondeck.bench;

import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Machine;

import dev.sessiondeck.bench.jmh.JmhBenchmarks;
import dev.sessiondeck.bench.history.HistoryBenchmark;
import dev.sessiondeck.bench.installed.InstalledStartupBenchmark;
import dev.sessiondeck.bench.onec.OneCBenchmark;
import dev.sessiondeck.bench.ratios.RatiosBenchmark;
import dev.sessiondeck.bench.servers.BlockingBenchmark;
import dev.sessiondeck.bench.servers.ServerBenchmark;
import dev.sessiondeck.bench.servers.SshTunnelBenchmark;
import dev.sessiondeck.bench.window.WindowBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one benchmark command of docs/benchmarks.md:
 * {@code java -jar bench/target/sessiondeck-bench.jar all} (or one part: {@code servers},
 * {@code blocking}, {@code jmh}, {@code window}, {@code onec}, {@code ssh}, {@code history}; {@code ratios} and {@code installed} alone). Results go to standard output as Markdown and to
 * {@code bench/target/benchmark-results.md}; progress to standard error.
 */
@Command(name = "sessiondeck-bench", mixinStandardHelpOptions = true,
        description = "Runs SessionDeck's benchmarks (docs/benchmarks.md).")
public final class BenchMain implements Callable<Integer> {

    /** The parts of the benchmark. */
    enum Part { all, servers, blocking, jmh, window, onec, ssh, history, ratios, installed }

    @Parameters(index = "0", defaultValue = "all", description = "all, servers, blocking, jmh, window, onec, ssh, history, ratios or installed (default: all; ratios and installed run only when asked)")
    Part part;

    @Option(names = "--mariadb", split = ",", defaultValue = "1000,5000,16000",
            description = "MariaDB session counts, ascending (default: 1000,5000,16000)")
    List<Integer> mariaDbSessions;

    @Option(names = "--postgres", split = ",", defaultValue = "1000,5000",
            description = "PostgreSQL backend counts, ascending (default: 1000,5000)")
    List<Integer> postgresSessions;

    @Option(names = "--ssh-sessions", defaultValue = "1000",
            description = "sessions held on each server for the SSH tunnel part (default: 1000)")
    int sshSessions;

    @Option(names = "--iterations", defaultValue = "100", description = "timed rounds per server figure (default: 100; medians of 30 moved by 0.2 ms between runs at 1,000 sessions)")
    int iterations;

    @Option(names = "--launcher", defaultValue = "/opt/sessiondeck/bin/sessiondeck",
            description = "installed: the installed package's launcher (default: /opt/sessiondeck/bin/sessiondeck)")
    Path launcher;

    @Option(names = "--jar", description = "installed: the app's jar to compare with (default: app/target/sessiondeck.jar beside bench/)")
    Path jar;

    @Option(names = "--only", description = "ratios: only this part of it: mariadb, postgres, window or startup (default: all)")
    String only;

    @Option(names = "--quick", description = "short runs for trying the harness out; figures not for the report")
    boolean quick;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "bench-logback.xml");
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path target = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path workDir = target.resolve("bench-work");
        Files.createDirectories(workDir);
        Report report = new Report(target.resolve("benchmark-results.md"));
        Instant started = Instant.now();
        report.line("# SessionDeck benchmark results (%s%s)", part, quick ? ", quick" : "");
        report.line("");
        report.line("Started %s on %s.", started, Machine.describe());
        report.line("");
        if (part == Part.all || part == Part.servers) {
            new ServerBenchmark(mariaDbSessions, postgresSessions, iterations, workDir).run(report);
        }
        if (part == Part.all || part == Part.blocking) {
            new BlockingBenchmark(iterations, workDir).run(report);
        }
        if (part == Part.all || part == Part.jmh) {
            JmhBenchmarks.run(report, quick);
        }
        if (part == Part.all || part == Part.window) {
            new WindowBenchmark(workDir, quick).run(report);
        }
        if (part == Part.all || part == Part.onec) {
            new OneCBenchmark(workDir, quick).run(report);
        }
        if (part == Part.all || part == Part.ssh) {
            new SshTunnelBenchmark(sshSessions, iterations, workDir).run(report);
        }
        if (part == Part.all || part == Part.history) {
            new HistoryBenchmark(quick).run(report);
        }
        if (part == Part.ratios) {
            new RatiosBenchmark(workDir, iterations, quick, only).run(report);
        }
        if (part == Part.installed) {
            Path appJar = jar != null ? jar : target.getParent().getParent().resolve("app/target/sessiondeck.jar");
            new InstalledStartupBenchmark(launcher, appJar, workDir, quick).run(report);
        }
        Duration took = Duration.between(started, Instant.now());
        report.line("Wall time of this run: %d min %d s.", took.toMinutes(), took.toSecondsPart());
        Report.progress("results in %s", report.file());
        return 0;
    }
}
