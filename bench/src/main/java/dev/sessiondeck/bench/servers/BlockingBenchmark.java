package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.mariadb.MariaDbSessionSource;
import dev.sessiondeck.core.source.mysql.LockWaits;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Section "blocking" of docs/benchmarks.md (issue 16): what reading who blocks whom adds to a
 * refresh. One embedded MariaDB holds 1,000 sessions: 10 transactions idle after each updated one
 * row, 100 sessions each waiting in an {@code UPDATE} for one of those rows, the rest idle. The same
 * server is listed by two sources timed interleaved (alternating which goes first) after a warm-up:
 * SessionDeck's MariaDB source as it ships (listing, then InnoDB's lock waits on the same connection)
 * and the same source with {@link LockWaits.Reader#NONE}, which lists only. Measured first with nobody
 * waiting (the waits statement still runs and finds nothing), then with the 100 waiters.
 */
public final class BlockingBenchmark {

    /** The ratio with / without (medians) issue 16 asks for. */
    static final double TARGET_RATIO = 1.3;
    static final int SESSIONS = 1_000;
    static final int BLOCKERS = 10;
    static final int WAITERS = 100;

    private final int iterations;
    private final Path workDir;

    /**
     * @param iterations timed rounds of each source per measurement
     * @param workDir    where the server keeps its files
     */
    public BlockingBenchmark(int iterations, Path workDir) {
        this.iterations = iterations;
        this.workDir = workDir;
    }

    public void run(Report report) throws Exception {
        report.line("## Blocking: a refresh with who blocks whom against one without");
        report.line("");
        report.line("| server | sessions | waiting | refresh with lock waits ms (min / median / max) | listing only ms (min / median / max) | ratio of medians | target ≤ %.1f |",
                TARGET_RATIO);
        report.line("|---|---:|---:|---:|---:|---:|---|");
        ExecutorService waiting = Executors.newFixedThreadPool(WAITERS, r -> new Thread(null, r, "waiter", 256 * 1024));
        List<Connection> holders = new ArrayList<>();
        try (BenchMariaDb server = BenchMariaDb.start(workDir.resolve("mariadb-blocking"), SESSIONS + 200);
             SessionCrowd crowd = new SessionCrowd(server::connect)) {
            ConnectionSpec spec = server.spec();
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS bench");
                st.execute("CREATE OR REPLACE TABLE bench.rows_held (id INT PRIMARY KEY, qty INT) ENGINE = InnoDB");
                for (int i = 1; i <= BLOCKERS; i++) {
                    st.execute("INSERT INTO bench.rows_held VALUES (" + i + ", 0)");
                }
            }
            Report.progress("blocking: opening %d sessions", SESSIONS);
            String stopped = crowd.growTo(SESSIONS - BLOCKERS - WAITERS - 2);
            if (stopped != null) {
                report.line("Stopped: %s", stopped);
                return;
            }
            try (SessionSource with = SessionSources.loaded().open(spec);
                 ConnectionPool pool = ConnectionPool.open(spec, MySqlProtocol.INSTANCE.jdbcUrl(spec),
                         MySqlProtocol.INSTANCE.driverProperties(spec), MySqlProtocol.INSTANCE.errors());
                 SessionSource without = new MariaDbSessionSource("listing-only",
                         ((MariaDbSessionSource) with).serverInfo(), pool, LockWaits.Reader.NONE)) {
                for (int i = 0; i < BLOCKERS + WAITERS; i++) {
                    holders.add(server.connect());
                }
                row(report, with.describe(), 0, measure(with, without));
                hold(holders, waiting);
                Snapshot s = awaitWaiters(with);
                BlockingTree tree = BlockingTree.of(s.sessions());
                Report.progress("blocking: %d sessions listed, %d root blockers", s.sessions().size(), tree.roots().size());
                row(report, with.describe(), WAITERS, measure(with, without));
            }
        } finally {
            waiting.shutdownNow();
            for (Connection c : holders) {
                c.abort(Runnable::run);
            }
            waiting.awaitTermination(10, TimeUnit.SECONDS);
        }
        report.line("");
        report.line("Both sources list the same server in the same rounds; the waiters are %d sessions in `UPDATE`"
                + " behind %d transactions idle after their own `UPDATE` of one row each.", WAITERS, BLOCKERS);
        report.line("");
    }

    private static void row(Report report, String server, int waiters, ServerBenchmark.Measured m) {
        double ratio = m.snapshot().median() / m.raw().median();
        report.line("| %s | %d | %d | %s | %s | %.2f | %s |", server, m.rows(), waiters, m.snapshot().format(2),
                m.raw().format(2), ratio, Report.verdict(ratio <= TARGET_RATIO));
    }

    /**
     * On the first {@code BLOCKERS} sessions of {@code sessions} a transaction holding one row each, on
     * the next {@code WAITERS} an update waiting for one of those rows.
     */
    private static void hold(List<Connection> sessions, ExecutorService waiting) throws SQLException {
        for (int i = 1; i <= BLOCKERS; i++) {
            Connection c = sessions.get(i - 1);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE bench.rows_held SET qty = qty + 1 WHERE id = " + i);
            }
        }
        for (int i = 0; i < WAITERS; i++) {
            Connection c = sessions.get(BLOCKERS + i);
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION innodb_lock_wait_timeout = 3600");
            }
            int row = i % BLOCKERS + 1;
            waiting.execute(() -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE bench.rows_held SET qty = qty + 1 WHERE id = " + row);
                } catch (SQLException ended) {
                    // aborted at the end of the run
                }
            });
        }
    }

    /** The snapshot once every waiter is listed as blocked; at most 60 s. */
    private static Snapshot awaitWaiters(SessionSource with) throws SourceException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Snapshot s = with.snapshot();
            long blocked = s.sessions().stream().filter(x -> !x.blockingIds().isEmpty()).count();
            if (blocked >= WAITERS || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(200);
        }
    }

    /** With as "snapshot", listing only as "raw": medians of interleaved rounds after a warm-up. */
    private ServerBenchmark.Measured measure(SessionSource with, SessionSource without) throws Exception {
        return ServerBenchmark.interleaved(() -> without.snapshot().sessions().size(),
                () -> with.snapshot().sessions().size(), iterations);
    }
}
