package dev.sessiondeck.bench.onec;

import dev.sessiondeck.app.demo.DemoRac;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Section 4 of docs/benchmarks.md: listing a 1C cluster of 10,000 sessions. SessionDeck's
 * {@link SessionSource#snapshot()} (it runs {@code rac session list}, reads and maps the output)
 * against the same rac process alone (started, its output read to the end), interleaved, in the same
 * run. The rac is the demo's simulated cluster ({@link DemoRac}), a JVM of its own per call like the
 * real rac is a process per call.
 */
public final class OneCBenchmark {

    static final int SESSIONS = 10_000;
    static final double TARGET_RATIO = 1.2;

    private final Path workDir;
    private final int rounds;

    public OneCBenchmark(Path workDir, boolean quick) {
        this.workDir = workDir;
        this.rounds = quick ? 4 : 20;
    }

    public void run(Report report) throws Exception {
        report.line("## 4. A 1C cluster: snapshot() against the rac process alone");
        report.line("");
        Path folder = workDir.resolve("onec");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("count"), Integer.toString(SESSIONS));
        Path rac = DemoRac.install(folder);
        ConnectionSpec spec = ConnectionSpec.builder().name("bench-1c").type("1c").host("127.0.0.1").port(1545)
                .option("rac", rac.toString()).queryTimeout(Duration.ofSeconds(60)).build();
        List<Double> raw = new ArrayList<>();
        List<Double> snapshot = new ArrayList<>();
        int listed = 0;
        try (SessionSource source = SessionSources.loaded().open(spec)) {
            List<String> command = List.of(rac.toString(), "session", "list", "--cluster=" + clusterOf(source), "127.0.0.1:1545");
            for (int i = 0; i < 3; i++) {
                source.snapshot();
                rawRun(command);
            }
            for (int i = 0; i < rounds; i++) {
                Report.progress("1c: round %d of %d", i + 1, rounds);
                // alternate which goes first, so that neither always meets a warmer cache
                if (i % 2 == 0) {
                    raw.add(rawRun(command));
                    snapshot.add(timed(source));
                } else {
                    snapshot.add(timed(source));
                    raw.add(rawRun(command));
                }
            }
            Snapshot last = source.snapshot();
            listed = last.sessions().size();
        }
        Stats r = Stats.of(raw);
        Stats s = Stats.of(snapshot);
        double ratio = s.median() / r.median();
        report.line("| sessions listed | rac alone ms (min / median / max) | snapshot() ms (min / median / max) | ratio of medians | target ≤ %.1f |",
                TARGET_RATIO);
        report.line("|---:|---:|---:|---:|---|");
        report.line("| %,d | %s | %s | %.2f | %s |", listed, r.format(0), s.format(0), ratio, Report.verdict(ratio <= TARGET_RATIO));
        report.line("");
    }

    /** The cluster's UUID as the source keys its sessions. */
    private static String clusterOf(SessionSource source) throws Exception {
        return source.snapshot().sessions().get(0).key().server();
    }

    private static double timed(SessionSource source) throws Exception {
        long t0 = System.nanoTime();
        source.snapshot();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Runs rac and reads its output to the end, as the runner does; milliseconds. */
    private static double rawRun(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        try (InputStream in = p.getInputStream()) {
            in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("rac did not end within 60 s");
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
