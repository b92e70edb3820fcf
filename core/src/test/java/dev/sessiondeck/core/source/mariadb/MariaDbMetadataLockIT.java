package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metadata-lock waits on a real MariaDB started with {@code performance_schema} on and its
 * {@code wait/lock/metadata/sql/mdl} instrument enabled (both off by default): the classic pile-up of
 * an {@code ALTER TABLE} behind an idle transaction and a {@code SELECT} behind the {@code ALTER}, read
 * in the same statement as the row-lock waits; and a user that may not read {@code performance_schema}
 * still gets the row-lock waits, with no word about metadata locks.
 */
class MariaDbMetadataLockIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--performance-schema=ON",
            "--performance-schema-instrument=wait/lock/metadata/sql/mdl=ON");

    /** PROCESS but no SELECT on performance_schema. */
    static final String PROCESS_ONLY = "deck_process";
    private static final Duration WITHIN = Duration.ofSeconds(15);

    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void grants() throws SQLException {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("GRANT SELECT ON performance_schema.* TO '" + EmbeddedMariaDb.ADMIN + "'@'%'");
            st.execute("CREATE USER '" + PROCESS_ONLY + "'@'%' IDENTIFIED BY 'process-secret'");
            st.execute("GRANT PROCESS ON *.* TO '" + PROCESS_ONLY + "'@'%'");
            st.execute("GRANT ALL PRIVILEGES ON " + EmbeddedMariaDb.DATABASE + ".* TO '" + PROCESS_ONLY + "'@'%'");
        }
    }

    /** Kills the test's sessions: an ALTER TABLE still waiting would go on after its client closed. */
    @AfterEach
    void killOurs() throws Exception {
        try (Connection root = DB.connectRoot(); Statement st = root.createStatement()) {
            List<Long> ids = new ArrayList<>();
            for (Connection c : opened) {
                ids.add(EmbeddedMariaDb.threadId(c));
            }
            for (long id : ids) {
                try {
                    st.execute("KILL " + id);
                } catch (SQLException gone) {
                    // ended already
                }
            }
            for (Connection c : opened) {
                c.abort(Runnable::run);
            }
            await().atMost(WITHIN).until(() -> {
                try (ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST")) {
                    while (rs.next()) {
                        if (ids.contains(rs.getLong(1))) {
                            return false;
                        }
                    }
                    return true;
                }
            });
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DB.connectRoot();
        opened.add(c);
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = 120, innodb_lock_wait_timeout = 120");
        }
        return c;
    }

    private static String id(Connection c) throws SQLException {
        return Long.toString(EmbeddedMariaDb.threadId(c));
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void table(String name) throws SQLException {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, qty INT) ENGINE = InnoDB");
            st.execute("INSERT INTO " + name + " VALUES (1, 10), (2, 20)");
        }
    }

    private static Predicate<Snapshot> blockedBy(String waiter, String blocker) {
        return s -> s.find(waiter).map(w -> w.blockingIds().equals(List.of(blocker))).orElse(false);
    }

    @Test
    void anAlterBehindAnIdleTransactionHoldsUpTheSelectsBehindIt() throws Exception {
        table("items");
        Connection reader = connect();
        reader.setAutoCommit(false);
        run(reader, "SELECT * FROM items WHERE id = 1");
        Connection alter = connect();
        Victim.start(alter, EmbeddedMariaDb.threadId(alter), "ALTER TABLE items ADD COLUMN note VARCHAR(20)");
        await().atMost(WITHIN).until(() -> stateOf(id(alter)).startsWith("Waiting for table metadata lock"));
        Connection select = connect();
        Victim.start(select, EmbeddedMariaDb.threadId(select), "SELECT * FROM items WHERE id = 2");
        // a row-lock wait in the same server, read by the same statement
        Connection holder = connect();
        holder.setAutoCommit(false);
        table("stock");
        run(holder, "UPDATE stock SET qty = 0 WHERE id = 1");
        Connection rowWaiter = connect();
        Victim.start(rowWaiter, EmbeddedMariaDb.threadId(rowWaiter), "UPDATE stock SET qty = 1 WHERE id = 1");

        try (SessionSource admin = SessionSources.loaded().open(DB.adminSpec())) {
            Snapshot s = await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(admin::snapshot,
                    blockedBy(id(alter), id(reader)).and(blockedBy(id(select), id(alter)))
                            .and(blockedBy(id(rowWaiter), id(holder))));

            Session a = s.find(id(alter)).orElseThrow();
            assertThat(a.attribute(StandardAttributes.LOCK_WAITED)).contains("metadata lock on deckdb.items, EXCLUSIVE");
            assertThat(a.attribute(StandardAttributes.LOCK_WAIT_TIME)).isPresent();
            Session sel = s.find(id(select)).orElseThrow();
            assertThat(sel.attribute(StandardAttributes.LOCK_WAITED)).contains("metadata lock on deckdb.items, SHARED_READ");
            assertThat(s.find(id(rowWaiter)).orElseThrow().attribute(StandardAttributes.LOCK_WAITED))
                    .contains("row lock on deckdb.stock, index PRIMARY, X");
            assertThat(admin.blockingUnknown()).isEmpty();

            BlockingTree tree = BlockingTree.of(s.sessions());
            assertThat(tree.roots()).extracting(BlockingTree.Node::id).containsExactly(id(reader), id(holder));
            assertThat(tree.roots().get(0).heldUp()).isEqualTo(2);
            assertThat(tree.roots().get(1).heldUp()).isEqualTo(1);
        }
    }

    @Test
    void aUserWhoMayNotReadPerformanceSchemaStillGetsRowLockWaits() throws Exception {
        table("parts");
        Connection reader = connect();
        reader.setAutoCommit(false);
        run(reader, "SELECT * FROM parts WHERE id = 1");
        Connection alter = connect();
        Victim.start(alter, EmbeddedMariaDb.threadId(alter), "ALTER TABLE parts ADD COLUMN note VARCHAR(20)");
        Connection holder = connect();
        holder.setAutoCommit(false);
        table("bins");
        run(holder, "UPDATE bins SET qty = 0 WHERE id = 2");
        Connection rowWaiter = connect();
        Victim.start(rowWaiter, EmbeddedMariaDb.threadId(rowWaiter), "UPDATE bins SET qty = 1 WHERE id = 2");

        try (SessionSource processOnly = SessionSources.loaded().open(DB.spec("process-only", PROCESS_ONLY, "process-secret"))) {
            Snapshot s = await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(processOnly::snapshot,
                    blockedBy(id(rowWaiter), id(holder)));

            assertThat(processOnly.blockingUnknown()).as("metadata locks are left out without a word").isEmpty();
            assertThat(s.find(id(alter)).orElseThrow().attribute(StandardAttributes.LOCK_WAITED)).isEmpty();
        }
    }

    private static String stateOf(String id) throws SQLException {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " + id)) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }
}
