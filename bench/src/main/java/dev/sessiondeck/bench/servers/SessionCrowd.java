package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Machine;
import dev.sessiondeck.bench.report.Report;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many client sessions held by this one process: plain JDBC connections opened in parallel by a
 * few threads with small stacks, and a few of them running a long statement each on a thread of its
 * own. No pool, no per-connection thread for the idle ones.
 */
final class SessionCrowd implements AutoCloseable {

    /** Opens one client session. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private static final int OPENERS = 8;
    private static final long SMALL_STACK = 256 * 1024;
    /** Stop opening PostgreSQL backends (one process each) when the machine has less memory left, in MiB. */
    private static final long MIN_AVAILABLE_MIB = 3 * 1024;

    private final Connector connector;
    private final List<Connection> idle = new ArrayList<>();
    private final List<Sleeper> sleepers = new ArrayList<>();

    SessionCrowd(Connector connector) {
        this.connector = connector;
    }

    /** How many sessions the crowd holds, sleepers included. */
    synchronized int size() {
        return idle.size() + sleepers.size();
    }

    /**
     * Opens idle sessions until the crowd holds {@code target}.
     *
     * @return null when all opened, else why it stopped (the server's or the machine's refusal)
     */
    String growTo(int target) throws InterruptedException {
        int missing = target - size();
        if (missing <= 0) {
            return null;
        }
        long started = System.nanoTime();
        AtomicInteger left = new AtomicInteger(missing);
        AtomicReference<String> stop = new AtomicReference<>();
        ExecutorService openers = Executors.newFixedThreadPool(OPENERS,
                r -> new Thread(null, r, "crowd-opener", SMALL_STACK));
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < OPENERS; t++) {
            work.add(openers.submit(() -> {
                while (stop.get() == null && left.getAndDecrement() > 0) {
                    try {
                        Connection c = connector.connect();
                        int now;
                        synchronized (this) {
                            idle.add(c);
                            now = size();
                        }
                        if (now % 1000 == 0) {
                            long available = Machine.memInfoMiB("MemAvailable");
                            Report.progress("%d sessions open, %d MiB memory available", now, available);
                            if (available >= 0 && available < MIN_AVAILABLE_MIB) {
                                stop.compareAndSet(null, "the machine had only " + available
                                        + " MiB of memory left at " + now + " sessions");
                            }
                        }
                    } catch (SQLException e) {
                        stop.compareAndSet(null, "the server refused session " + (size() + 1) + ": "
                                + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
                    }
                }
            }));
        }
        openers.shutdown();
        openers.awaitTermination(30, TimeUnit.MINUTES);
        Report.progress("%d sessions open after %.1f s", size(), (System.nanoTime() - started) / 1e9);
        return stop.get();
    }

    /** Starts {@code count} sessions running {@code sql} (a long sleep), each on its own small thread. */
    void startSleepers(int count, String sql) throws SQLException {
        for (int i = 0; i < count; i++) {
            sleepers.add(new Sleeper(connector.connect(), sql));
        }
    }

    /** Cancels the long statements and closes every session. */
    @Override
    public void close() throws InterruptedException {
        for (Sleeper s : sleepers) {
            s.cancel();
        }
        ExecutorService closers = Executors.newFixedThreadPool(OPENERS, r -> new Thread(null, r, "crowd-closer", SMALL_STACK));
        for (Connection c : idle) {
            closers.execute(() -> {
                try {
                    c.close();
                } catch (SQLException e) {
                    // the server may be gone already; nothing to keep
                }
            });
        }
        closers.shutdown();
        closers.awaitTermination(10, TimeUnit.MINUTES);
        idle.clear();
        for (Sleeper s : sleepers) {
            s.join();
        }
        sleepers.clear();
    }

    /** A session running one long statement. */
    private static final class Sleeper {
        private final Connection connection;
        private final Statement statement;
        private final Thread thread;

        Sleeper(Connection connection, String sql) throws SQLException {
            this.connection = connection;
            this.statement = connection.createStatement();
            this.thread = new Thread(null, () -> {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    // cancelled at the end of the benchmark
                }
            }, "crowd-sleeper", SMALL_STACK);
            thread.setDaemon(true);
            thread.start();
        }

        void cancel() {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the statement ended already
            }
        }

        void join() throws InterruptedException {
            thread.join(10_000);
            try {
                connection.close();
            } catch (SQLException e) {
                // the server may be gone already
            }
        }
    }
}
