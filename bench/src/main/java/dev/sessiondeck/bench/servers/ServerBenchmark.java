package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Machine;
import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.bench.report.Stats;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.WireProtocol;
import dev.sessiondeck.core.source.mariadb.MariaDbSessionSource;
import dev.sessiondeck.core.source.mysql.InnoDbLockWaits;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import dev.sessiondeck.core.source.postgres.PostgresProtocol;
import dev.sessiondeck.core.source.postgres.PostgresSessionSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Section 1 of docs/benchmarks.md: {@link SessionSource#snapshot()} against the raw listing query it
 * runs, on servers holding N sessions, about ten of them running a long statement. The two are
 * timed interleaved (alternating which goes first) on the same server, after a few warm-up rounds.
 */
public final class ServerBenchmark {

    /** The ratio snapshot / raw (medians) the issue asks for at every N. */
    static final double TARGET_RATIO = 1.15;
    static final int SLEEPERS = 10;
    /**
     * Untimed rounds of both before the timed ones: at least this many, and for at least
     * {@link #WARMUP_NANOS}. Enough for the JIT to compile the adapter's mapping as well as the plain
     * loop over getObject: after 5 rounds (about 5,000 rows mapped) the snapshot at 1,000 sessions
     * cost 1.3 to 1.8 ms more than the raw query, after 3 s of rounds the two were level in a
     * separate harness (docs/benchmarks.md).
     */
    private static final int WARMUP = 40;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    /** Sockets and files the benchmark process needs besides the sessions (jars, the pools, the JDK). */
    private static final int OTHER_FILES = 500;

    private final List<Integer> mariaDbSessions;
    private final List<Integer> postgresSessions;
    private final int iterations;
    private final Path workDir;

    /**
     * @param mariaDbSessions the session counts to measure on MariaDB, ascending
     * @param postgresSessions the backend counts to measure on PostgreSQL, ascending
     * @param iterations timed rounds of each at every count (at least 30 for the report)
     * @param workDir where the servers keep their files
     */
    public ServerBenchmark(List<Integer> mariaDbSessions, List<Integer> postgresSessions, int iterations, Path workDir) {
        this.mariaDbSessions = mariaDbSessions;
        this.postgresSessions = postgresSessions;
        this.iterations = iterations;
        this.workDir = workDir;
    }

    public void run(Report report) throws Exception {
        report.line("## 1. Listing sessions: snapshot() against the raw query");
        report.line("");
        long limit = Machine.openFileLimit().orElse(Long.MAX_VALUE);
        report.line("Open-file limit of the benchmark process: %s; each session is one socket.",
                limit == Long.MAX_VALUE ? "unlimited" : Long.toString(limit));
        report.line("");
        report.line("| server | sessions held | rows listed | raw query ms (min / median / max) | snapshot() ms (min / median / max) | ratio of medians | target ≤ %.2f |",
                TARGET_RATIO);
        report.line("|---|---:|---:|---:|---:|---:|---|");
        if (!mariaDbSessions.isEmpty()) {
            runMariaDb(report, limit);
        }
        if (!postgresSessions.isEmpty()) {
            runPostgres(report, limit);
        }
        report.line("");
    }

    private void runMariaDb(Report report, long fileLimit) throws Exception {
        int largest = mariaDbSessions.get(mariaDbSessions.size() - 1);
        try (BenchMariaDb server = BenchMariaDb.start(workDir.resolve("mariadb"), largest + 100);
             SessionCrowd crowd = new SessionCrowd(server::connect)) {
            crowd.startSleepers(SLEEPERS, "SELECT SLEEP(600)");
            try (SessionSource source = SessionSources.loaded().open(server.spec());
                 Connection raw = rawConnection(MySqlProtocol.INSTANCE, server.spec())) {
                levels(report, source.describe(), mariaDbSessions, fileLimit, crowd, source, raw, MARIADB_STATEMENTS);
            }
        }
    }

    private void runPostgres(Report report, long fileLimit) throws Exception {
        int largest = postgresSessions.get(postgresSessions.size() - 1);
        try (BenchPostgres server = BenchPostgres.start(workDir.resolve("postgres"), largest + 100);
             SessionCrowd crowd = new SessionCrowd(server::connect)) {
            crowd.startSleepers(SLEEPERS, "SELECT pg_sleep(600)");
            try (SessionSource source = SessionSources.loaded().open(server.spec());
                 Connection raw = rawConnection(PostgresProtocol.INSTANCE, server.spec())) {
                levels(report, source.describe(), postgresSessions, fileLimit, crowd,
                        source, raw, List.of(PostgresSessionSource.listSql(((PostgresSessionSource) source).serverInfo().version())));
            }
        }
    }

    private void levels(Report report, String server, List<Integer> counts, long fileLimit, SessionCrowd crowd,
                        SessionSource source, Connection raw, List<String> sqls) throws Exception {
        for (int wanted : counts) {
            int n = (int) Math.min(wanted, fileLimit - OTHER_FILES);
            String note = n < wanted ? " (capped from " + wanted + " by the open-file limit " + fileLimit + ")" : "";
            Report.progress("%s: opening %d sessions", server, n);
            String stopped = crowd.growTo(n);
            if (stopped != null) {
                note += " (stopped at " + crowd.size() + " of " + n + ": " + stopped + ")";
            }
            Report.progress("%s: measuring at %d sessions", server, crowd.size());
            Measured m = measure(source, raw, sqls, iterations);
            double ratio = m.snapshot.median() / m.raw.median();
            report.line("| %s | %d%s | %d | %s | %s | %.2f | %s |", server, crowd.size(), note, m.rows,
                    m.raw.format(1), m.snapshot.format(1), ratio, Report.verdict(ratio <= TARGET_RATIO));
            if (stopped != null) {
                return;
            }
        }
    }

    /** A plain connection with exactly the URL and driver settings SessionDeck's pool uses. */
    private static Connection rawConnection(WireProtocol wire, ConnectionSpec spec) throws SQLException {
        Properties p = wire.driverProperties(spec);
        p.setProperty("user", spec.user());
        p.setProperty("password", new String(spec.password()));
        return DriverManager.getConnection(wire.jdbcUrl(spec), p);
    }

    record Measured(Stats raw, Stats snapshot, int rows) {
    }

    /**
     * {@code source.snapshot()} against the statements it runs, run plainly on {@code raw}: the first
     * is the listing (its rows are the count); the others are what the adapter reads besides (the
     * MySQL family's lock waits while a client session runs a statement).
     */
    static Measured measure(SessionSource source, Connection raw, List<String> sqls, int iterations) throws Exception {
        return interleaved(() -> rawListing(raw, sqls), () -> source.snapshot().sessions().size(), iterations);
    }

    /**
     * The statements of one listing run plainly on {@code raw}, every row read: the first is the
     * listing, whose row count is returned.
     */
    static int rawListing(Connection raw, List<String> sqls) throws SQLException {
        int rows = rawQuery(raw, sqls.get(0));
        for (int i = 1; i < sqls.size(); i++) {
            rawQuery(raw, sqls.get(i));
        }
        return rows;
    }

    /**
     * What MariaDB's source runs in a refresh of this benchmark's servers: the listing, and (the
     * sleepers run a statement) InnoDB's transactions for the lock waits ({@code InnoDbLockWaits}).
     */
    static final List<String> MARIADB_STATEMENTS = List.of(MariaDbSessionSource.LIST_SESSIONS,
            InnoDbLockWaits.TRANSACTIONS_INFORMATION_SCHEMA);

    /** One timed round of one side: returns the rows it read. */
    @FunctionalInterface
    interface Round {
        int run() throws Exception;
    }

    /**
     * Both sides after a warm-up (at least {@link #WARMUP} rounds and {@link #WARMUP_NANOS}), then
     * {@code iterations} timed rounds of each, alternating which goes first.
     *
     * @return the baseline as {@code raw}, the measured side as {@code snapshot}, its last row count
     */
    static Measured interleaved(Round baseline, Round ours, int iterations) throws Exception {
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
            baseline.run();
            ours.run();
        }
        long[] baselineNanos = new long[iterations];
        long[] oursNanos = new long[iterations];
        int rows = 0;
        for (int i = 0; i < iterations; i++) {
            if (i % 2 == 0) {
                baselineNanos[i] = time(baseline);
            }
            long t = System.nanoTime();
            rows = ours.run();
            oursNanos[i] = System.nanoTime() - t;
            if (i % 2 == 1) {
                baselineNanos[i] = time(baseline);
            }
        }
        return new Measured(Stats.ofNanos(baselineNanos), Stats.ofNanos(oursNanos), rows);
    }

    private static long time(Round round) throws Exception {
        long t = System.nanoTime();
        round.run();
        return System.nanoTime() - t;
    }

    /** The listing with every column of every row read, as objects; returns the row count. */
    static int rawQuery(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(60);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
                return rows;
            }
        }
    }
}
