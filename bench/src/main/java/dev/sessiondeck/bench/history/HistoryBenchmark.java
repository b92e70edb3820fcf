package dev.sessiondeck.bench.history;

import dev.sessiondeck.bench.generated.GeneratedSessions;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.core.history.SessionHistory;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Section 5 of docs/benchmarks.md: the memory of the history chart's ring ({@link SessionHistory})
 * for 15 minutes of refreshes at 1 s with 5,000 sessions, measured as the heap in use after full
 * collections with the ring filled minus before. Two workloads: every session changed at every
 * refresh (the generated sessions' times and ids move: nothing can be shared, the budget decides),
 * and a quiet server (the same sessions listed again: each refresh shares them). Also the time one
 * refresh takes to enter the ring. The target: under 64 MiB.
 */
public final class HistoryBenchmark {

    static final int SESSIONS = 5_000;
    /** 15 minutes at one refresh a second. */
    static final int REFRESHES = 900;
    static final double TARGET_MIB = 64;

    private final int rounds;

    public HistoryBenchmark(boolean quick) {
        this.rounds = quick ? 1 : 3;
    }

    public void run(Report report) throws Exception {
        report.line("## 5. The history chart's ring: 15 minutes at 1 s with 5,000 sessions");
        report.line("");
        report.line("| workload | retained heap (MiB), min / median / max | rounds | points | with sessions | estimated (MiB) | add() per refresh (ms), median | target | verdict |");
        report.line("|---|---|---|---|---|---|---|---|---|");
        for (boolean changing : new boolean[] {true, false}) {
            double[] retained = new double[rounds];
            int points = 0;
            int withSessions = 0;
            double estimated = 0;
            long[] addNanos = new long[REFRESHES * rounds];
            for (int round = 0; round < rounds; round++) {
                Report.progress("history: %s, round %d of %d", changing ? "changing" : "quiet", round + 1, rounds);
                double before = heapAfterGc();
                SessionHistory h = new SessionHistory();
                Instant t0 = Instant.parse("2026-12-02T06:00:00Z");
                for (int i = 0; i < REFRESHES; i++) {
                    // new Session objects every time, as a listing makes them; equal ones on a quiet server
                    List<Session> sessions = GeneratedSessions.generate("bench", SESSIONS, changing ? i : 0);
                    Snapshot s = new Snapshot("bench", sessions, t0.plusSeconds(i), Duration.ofMillis(5));
                    long start = System.nanoTime();
                    h.add(s);
                    addNanos[round * REFRESHES + i] = System.nanoTime() - start;
                }
                // only the ring stays reachable: the last snapshot's list is garbage now
                double after = heapAfterGc();
                retained[round] = after - before;
                points = h.points().size();
                withSessions = h.pointsWithSessions();
                estimated = h.estimatedBytes() / (1024.0 * 1024.0);
                Report.progress("history: retained %.1f MiB, %d of %d points with sessions", retained[round],
                        withSessions, points);
            }
            Stats r = Stats.of(java.util.Arrays.stream(retained).boxed().toList());
            Stats add = Stats.ofNanos(addNanos);
            report.line("| %s | %s | %d | %d | %d | %.1f | %s | < %.0f | %s |",
                    changing ? "every session changed at every refresh" : "quiet: the same sessions each refresh",
                    r.format(1), rounds, points, withSessions, estimated, String.format("%.2f", add.median()), TARGET_MIB,
                    Report.verdict(r.max() < TARGET_MIB));
        }
        report.line("");
    }

    /** Heap in use after full collections (the lowest of three readings), in MiB. */
    private static double heapAfterGc() throws InterruptedException {
        double least = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
        }
        return least;
    }
}
