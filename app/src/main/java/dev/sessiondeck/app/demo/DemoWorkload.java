package dev.sessiondeck.app.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's sessions, on connections of its own (Connector/J), from three users on two databases:
 * <ul>
 *   <li>{@value #IDLE_SESSIONS} idle sessions, as an application's connection pool leaves them;</li>
 *   <li>{@value #LONG_STATEMENTS} long statements: {@code SLEEP} in several shapes (one of them with
 *       Chinese text) and a slow self-join over generated rows; each starts again when it ends, so
 *       the demo stays alive;</li>
 *   <li>a row lock: one session holds {@code SELECT ... FOR UPDATE} in an open transaction, another
 *       waits on an {@code UPDATE} of the same row ({@code innodb_lock_wait_timeout} of 600 s),
 *       and waits again when that times out or the holder is killed.</li>
 * </ul>
 * A session killed from SessionDeck comes back on a new connection a second later (as an
 * application's pool would do), except the idle ones. Every statement has a query timeout.
 */
final class DemoWorkload implements AutoCloseable {

    static final String ORDERS_USER = "app_orders";
    static final String REPORTS_USER = "app_reports";
    static final String ANALYST_USER = "analyst";
    static final String SHOP = "shop";
    static final String REPORTING = "reporting";
    static final int IDLE_SESSIONS = 20;
    static final int LONG_STATEMENTS = 5;

    /** The order row the lock demo fights over. */
    private static final String LOCK_ROW = "SELECT id, status FROM orders WHERE id = 42 FOR UPDATE";
    private static final String UPDATE_LOCKED_ROW = "UPDATE orders SET status = 'cancelled' WHERE id = 42";
    private static final int LOCK_WAIT_SECONDS = 600;

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkload.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** How often the lock holder checks that its session still lives. */
    private static final Duration HOLDER_CHECK = Duration.ofSeconds(10);

    /** Where the idle sessions are: user, database, how many. */
    private static final List<IdleGroup> IDLE = List.of(
            new IdleGroup(ORDERS_USER, SHOP, 9),
            new IdleGroup(REPORTS_USER, REPORTING, 6),
            new IdleGroup(ANALYST_USER, REPORTING, 3),
            new IdleGroup(ANALYST_USER, SHOP, 2));

    /** The long statements, started again when they end. */
    private static final List<LongStatement> STATEMENTS = List.of(
            new LongStatement(ORDERS_USER, SHOP, "SELECT '会话演示：等待支付回调' AS note, SLEEP(600)", 630),
            new LongStatement(REPORTS_USER, REPORTING, "SELECT SLEEP(900) AS nightly_rollup", 930),
            new LongStatement(REPORTS_USER, SHOP, """
                    SELECT c.city, SUM(o.amount) AS revenue
                    FROM orders o JOIN customers c ON c.id = o.customer_id
                    GROUP BY c.city
                    HAVING SLEEP(60) = 0""", 600),
            new LongStatement(ANALYST_USER, SHOP,
                    "SELECT status, COUNT(*) FROM orders WHERE SLEEP(0.02) = 0 GROUP BY status", 600),
            // A self-join of 40,000 rows that pauses 2 ms per joined row: about 100 s, slow like a real
            // report, without keeping a core busy on the user's machine (a nested loop over
            // 40,000 x 40,000 rows did, for a minute at a time).
            new LongStatement(ANALYST_USER, REPORTING, """
                    SELECT a.url, COUNT(*) AS next_views
                    FROM page_views a JOIN page_views b ON b.id = a.id + 1
                    WHERE SLEEP(0.002) = 0
                    GROUP BY a.url""", 600));

    private final String host;
    private final int port;
    private final Map<String, char[]> passwords;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newFixedThreadPool(LONG_STATEMENTS + 2, threads());

    private record IdleGroup(String user, String database, int count) {
    }

    private record LongStatement(String user, String database, String sql, int timeoutSeconds) {
    }

    private DemoWorkload(String host, int port, Map<String, char[]> passwords) {
        this.host = host;
        this.port = port;
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * Creates the demo's databases and rows (about 60,000, generated with MariaDB's Sequence engine,
     * {@code seq_1_to_N}). Runs as root, before the users exist.
     */
    static void createData(Statement st) throws SQLException {
        st.execute("CREATE DATABASE " + SHOP + " CHARACTER SET utf8mb4");
        st.execute("CREATE DATABASE " + REPORTING + " CHARACTER SET utf8mb4");
        st.execute("""
                CREATE TABLE shop.customers (
                  id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, city VARCHAR(40) NOT NULL)""");
        st.execute("""
                INSERT INTO shop.customers
                SELECT seq, CONCAT('customer ', seq), ELT(1 + seq % 5, 'Hangzhou', 'Berlin', 'Lisbon', 'Osaka', 'Austin')
                FROM shop.seq_1_to_2000""");
        st.execute("""
                CREATE TABLE shop.orders (
                  id INT PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(10, 2) NOT NULL,
                  status VARCHAR(16) NOT NULL, created_at DATETIME NOT NULL) ENGINE = InnoDB""");
        st.execute("""
                INSERT INTO shop.orders
                SELECT seq, 1 + seq % 2000, (seq * 37) % 500 + 0.99, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'done'),
                       '2024-01-01' + INTERVAL seq MINUTE
                FROM shop.seq_1_to_20000""");
        st.execute("""
                CREATE TABLE reporting.page_views (
                  id INT PRIMARY KEY, visitor_id INT NOT NULL, url VARCHAR(100) NOT NULL, viewed_at DATETIME NOT NULL)""");
        st.execute("""
                INSERT INTO reporting.page_views
                SELECT seq, seq % 5000, CONCAT('/products/', seq % 300), '2024-01-01' + INTERVAL seq SECOND
                FROM reporting.seq_1_to_40000""");
    }

    /** Grants the workload's users what their statements need. Runs as root, after the users exist. */
    static void grant(Statement st) throws SQLException {
        st.execute("GRANT ALL PRIVILEGES ON " + SHOP + ".* TO '" + ORDERS_USER + "'@'%'");
        st.execute("GRANT SELECT ON " + SHOP + ".* TO '" + REPORTS_USER + "'@'%'");
        st.execute("GRANT ALL PRIVILEGES ON " + REPORTING + ".* TO '" + REPORTS_USER + "'@'%'");
        st.execute("GRANT SELECT ON " + SHOP + ".* TO '" + ANALYST_USER + "'@'%'");
        st.execute("GRANT SELECT ON " + REPORTING + ".* TO '" + ANALYST_USER + "'@'%'");
    }

    /**
     * Opens the idle sessions (before it returns) and starts the long statements and the lock on
     * a small pool of daemon threads.
     *
     * @param passwords the password of each workload user, by name
     * @throws SQLException when a session cannot connect; what was started is stopped
     */
    static DemoWorkload start(String host, int port, Map<String, char[]> passwords) throws SQLException {
        DemoWorkload workload = new DemoWorkload(host, port, passwords);
        try {
            for (IdleGroup group : IDLE) {
                for (int i = 0; i < group.count(); i++) {
                    workload.open(group.user(), group.database());
                }
            }
            for (LongStatement statement : STATEMENTS) {
                workload.pool.execute(() -> workload.repeat(statement));
            }
            workload.pool.execute(workload::holdRowLock);
            workload.pool.execute(workload::waitForRowLock);
            return workload;
        } catch (SQLException | RuntimeException e) {
            workload.close();
            throw e;
        }
    }

    /** Runs the statement again and again; reconnects when its session was killed. */
    private void repeat(LongStatement statement) {
        while (!isStopping()) {
            Connection c = null;
            try {
                c = open(statement.user(), statement.database());
                while (!isStopping()) {
                    execute(c, statement.sql(), statement.timeoutSeconds());
                    pause(RETRY_PAUSE);
                }
            } catch (SQLException e) {
                retryLater(statement.user(), e);
            } finally {
                forget(c);
            }
        }
    }

    /** Holds a row lock in an open transaction, idle, until the session is killed or the demo stops. */
    private void holdRowLock() {
        while (!isStopping()) {
            Connection c = null;
            try {
                c = open(ORDERS_USER, SHOP);
                c.setAutoCommit(false);
                while (!execute(c, LOCK_ROW, 60)) {
                    c.rollback();
                    if (pause(RETRY_PAUSE)) {
                        return;
                    }
                }
                boolean stop = false;
                while (!stop && c.isValid(2)) {
                    stop = pause(HOLDER_CHECK);
                }
            } catch (SQLException e) {
                retryLater(ORDERS_USER, e);
            } finally {
                forget(c);
            }
        }
    }

    /** Waits on the held row; rolls back and waits again when the wait times out or ends. */
    private void waitForRowLock() {
        while (!isStopping()) {
            Connection c = null;
            try {
                c = open(ORDERS_USER, SHOP);
                c.setAutoCommit(false);
                execute(c, "SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT_SECONDS, 10);
                // The pause first lets the holder take the lock when both start together.
                while (!pause(RETRY_PAUSE)) {
                    execute(c, UPDATE_LOCKED_ROW, LOCK_WAIT_SECONDS + 30);
                    c.rollback();
                }
            } catch (SQLException e) {
                retryLater(ORDERS_USER, e);
            } finally {
                forget(c);
            }
        }
    }

    /**
     * Runs one statement. An error that leaves the session usable (a lock wait timeout, 1205; KILL
     * QUERY, 1317) is only logged; one that ends the session is thrown.
     *
     * @return true when the statement completed, false when it failed and the session lives on
     */
    private boolean execute(Connection c, String sql, int timeoutSeconds) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            if (isStopping() || !c.isValid(2)) {
                throw e;
            }
            LOG.debug("Demo statement ended with {} ({}); running it again", e.getErrorCode(), e.getSQLState());
            return false;
        }
    }

    private void retryLater(String user, SQLException e) {
        if (!isStopping()) {
            LOG.debug("Demo session of {} ended ({}, {}); reconnecting", user, e.getErrorCode(), e.getSQLState());
            pause(RETRY_PAUSE);
        }
    }

    /** Opens a connection of the workload and keeps it in the set that {@link #close()} aborts. */
    private Connection open(String user, String database) throws SQLException {
        Connection c = connect(host, port, user, passwords.get(user), database);
        connections.add(c);
        if (isStopping()) {
            // close() may have run between connect and add: it must not be left behind
            abort(c);
        }
        return c;
    }

    private void forget(Connection c) {
        if (c != null) {
            connections.remove(c);
            abort(c);
        }
    }

    /**
     * A Connector/J connection without TLS, in UTF-8 (the Chinese statement must reach the server
     * as it is), with a 5 s connect timeout.
     */
    static Connection connect(String host, int port, String user, char[] password, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", new String(password));
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/" + database, p);
    }

    /** Waits {@code d}; true when the workload is stopping (then at once). */
    private boolean pause(Duration d) {
        try {
            return stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean isStopping() {
        return stopping.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /**
     * Stops the threads and closes every connection at once: {@code abort}, because a plain close
     * would wait for a running {@code SLEEP}. Never throws.
     */
    @Override
    public void close() {
        stopping.countDown();
        for (Connection c : new ArrayList<>(connections)) {
            abort(c);
        }
        connections.clear();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Demo workload threads still running after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void abort(Connection c) {
        try {
            if (!c.isClosed()) {
                c.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not abort a demo connection", e);
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sessiondeck-demo-workload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
