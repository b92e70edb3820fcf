package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import java.nio.file.Path;

/**
 * Section 5 of docs/benchmarks.md: {@link SessionSource#snapshot()} through an SSH tunnel (JSch to
 * Debian's sshd on loopback) against the same listing connected directly, on the same server with N
 * sessions, timed interleaved (alternating which goes first) after a warm-up of both.
 */
public final class SshTunnelBenchmark {

    /** The ratio tunneled / direct (medians) issue 21 asks for at 1,000 sessions. */
    static final double TARGET_RATIO = 1.20;
    private static final int WARMUP = 40;
    private static final long WARMUP_NANOS = 3_000_000_000L;

    private final int sessions;
    private final int iterations;
    private final Path workDir;

    public SshTunnelBenchmark(int sessions, int iterations, Path workDir) {
        this.sessions = sessions;
        this.iterations = iterations;
        this.workDir = workDir;
    }

    public void run(Report report) throws Exception {
        report.line("## 5. Listing through an SSH tunnel against the direct listing");
        report.line("");
        report.line("| server | sessions held | rows listed | direct ms (min / median / max) | through SSH ms (min / median / max) | ratio of medians | target ≤ %.2f |",
                TARGET_RATIO);
        report.line("|---|---:|---:|---:|---:|---:|---|");
        try (BenchSshd sshd = BenchSshd.start(workDir.resolve("sshd"))) {
            try (BenchMariaDb server = BenchMariaDb.start(workDir.resolve("mariadb-ssh"), sessions + 100);
                 SessionCrowd crowd = new SessionCrowd(server::connect)) {
                crowd.startSleepers(ServerBenchmark.SLEEPERS, "SELECT SLEEP(600)");
                level(report, server.spec(), sshd, crowd);
            }
            try (BenchPostgres server = BenchPostgres.start(workDir.resolve("postgres-ssh"), sessions + 100);
                 SessionCrowd crowd = new SessionCrowd(server::connect)) {
                crowd.startSleepers(ServerBenchmark.SLEEPERS, "SELECT pg_sleep(600)");
                level(report, server.spec(), sshd, crowd);
            }
        }
        report.line("");
    }

    private void level(Report report, ConnectionSpec direct, BenchSshd sshd, SessionCrowd crowd) throws Exception {
        Report.progress("%s: opening %d sessions", direct.name(), sessions);
        String stopped = crowd.growTo(sessions);
        ConnectionSpec tunneled = direct.toBuilder().sshTunnel(sshd.tunnel()).build();
        try (SessionSource plain = SessionSources.loaded().open(direct);
             SessionSource viaSsh = SessionSources.loaded().open(tunneled)) {
            Report.progress("%s: measuring at %d sessions, direct and through SSH", plain.describe(), crowd.size());
            Stats[] m = measure(plain, viaSsh, iterations);
            int rows = viaSsh.snapshot().sessions().size();
            double ratio = m[1].median() / m[0].median();
            report.line("| %s | %d%s | %d | %s | %s | %.2f | %s |", plain.describe(), crowd.size(),
                    stopped == null ? "" : " (stopped: " + stopped + ")", rows, m[0].format(1), m[1].format(1), ratio,
                    Report.verdict(ratio <= TARGET_RATIO));
        }
    }

    /** Direct and tunneled snapshots, interleaved, the first of each pair alternating. */
    static Stats[] measure(SessionSource direct, SessionSource tunneled, int iterations) throws SourceException {
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
            direct.snapshot();
            tunneled.snapshot();
        }
        long[] directNanos = new long[iterations];
        long[] tunnelNanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            if (i % 2 == 0) {
                directNanos[i] = time(direct);
                tunnelNanos[i] = time(tunneled);
            } else {
                tunnelNanos[i] = time(tunneled);
                directNanos[i] = time(direct);
            }
        }
        return new Stats[] {Stats.ofNanos(directNanos), Stats.ofNanos(tunnelNanos)};
    }

    private static long time(SessionSource source) throws SourceException {
        long t = System.nanoTime();
        source.snapshot();
        return System.nanoTime() - t;
    }
}
