package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who blocks whom on a real MariaDB (InnoDB row locks through {@code information_schema.INNODB_TRX and INNODB_LOCKS}):
 * waiters behind a transaction that holds the row while idle and while running, a chain of three,
 * and a user without {@code PROCESS}. MariaDB starts with {@code performance_schema} off, so metadata
 * locks are left out here without a word ({@link MariaDbMetadataLockIT} has them).
 */
class MariaDbBlockingIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private SessionSource admin;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Long> threads = new ArrayList<>();

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, qty INT) ENGINE = InnoDB");
            st.execute("INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)");
        }
    }

    @BeforeEach
    void open() throws Exception {
        admin = SessionSources.loaded().open(DB.adminSpec());
    }

    /**
     * Kills the test's sessions on the server: a closed client does not end a statement that waits
     * for a lock or sleeps, and its locks would outlive the test.
     */
    @AfterEach
    void close() throws Exception {
        try (Connection root = DB.connectRoot(); Statement st = root.createStatement()) {
            for (long id : threads) {
                try {
                    st.execute("KILL " + id);
                } catch (SQLException gone) {
                    // 1094: it has ended already
                }
            }
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            await().atMost(WITHIN).until(() -> {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT ID FROM information_schema.PROCESSLIST")) {
                    List<Long> left = new ArrayList<>();
                    while (rs.next()) {
                        left.add(rs.getLong(1));
                    }
                    return left.stream().noneMatch(threads::contains);
                }
            });
        } finally {
            admin.close();
        }
    }

    /** A connection of the test's own, as root, with an open transaction that has updated these rows. */
    private Connection holding(int... rows) throws SQLException {
        Connection c = DB.connectRoot();
        opened.add(() -> c.abort(Runnable::run));
        threads.add(EmbeddedMariaDb.threadId(c));
        try (Statement st = c.createStatement()) {
            // Why: a waiter must keep waiting for as long as the test looks at it
            st.execute("SET SESSION innodb_lock_wait_timeout = 120");
        }
        c.setAutoCommit(false);
        for (int row : rows) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE orders SET qty = qty + 1 WHERE id = " + row);
            }
        }
        return c;
    }

    /** Starts an update of {@code row} on {@code c} in the background: it waits for whoever holds the row. */
    private Victim waitFor(Connection c, int row) throws SQLException {
        Victim v = Victim.start(c, EmbeddedMariaDb.threadId(c), "UPDATE orders SET qty = qty + 1 WHERE id = " + row);
        opened.add(v);
        return v;
    }

    private static String id(Connection c) throws SQLException {
        return Long.toString(EmbeddedMariaDb.threadId(c));
    }

    /** The first snapshot in which {@code ready} holds. */
    private Snapshot awaitSnapshot(Predicate<Snapshot> ready) {
        return await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(admin::snapshot, ready);
    }

    private static Session session(Snapshot s, String id) {
        return s.find(id).orElseThrow(() -> new AssertionError("session " + id + " is not listed"));
    }

    private static Predicate<Snapshot> blockedBy(String waiter, String... blockers) {
        return s -> s.find(waiter).map(w -> w.blockingIds().equals(List.of(blockers))).orElse(false);
    }

    @Test
    void declaresBlocking() {
        assertThat(((MariaDbSessionSource) admin).serverInfo().can(Capability.BLOCKING)).isTrue();
        assertThat(admin.attributes()).contains(StandardAttributes.BLOCKED_BY, StandardAttributes.LOCK_WAITED,
                StandardAttributes.LOCK_WAIT_TIME);
    }

    /**
     * Two waiters queued for one row: both are blocked by the holder (not the second by the first);
     * when the holder commits, the first gets the row and the refreshes after name it as the second's
     * blocker: the holders read earlier are read again once one of them has ended.
     */
    @Test
    void whenTheHolderEndsTheNextInLineBecomesTheBlocker() throws Exception {
        Connection holder = holding(3);
        Connection first = DB.connectRoot();
        opened.add(() -> first.abort(Runnable::run));
        threads.add(EmbeddedMariaDb.threadId(first));
        first.setAutoCommit(false);
        Victim firstUpdate = waitFor(first, 3);
        awaitSnapshot(blockedBy(id(first), id(holder)));
        Connection second = holding();
        waitFor(second, 3);
        awaitSnapshot(blockedBy(id(second), id(holder)));
        assertThat(session(admin.snapshot(), id(first)).blockingIds()).containsExactly(id(holder));

        holder.commit();
        firstUpdate.awaitEnd(WITHIN);

        Snapshot after = awaitSnapshot(blockedBy(id(second), id(first)));
        assertThat(session(after, id(first)).blockingIds()).as("holds the row now").isEmpty();
        assertThat(session(after, id(second)).attribute(StandardAttributes.LOCK_WAITED))
                .hasValueSatisfying(l -> assertThat(l).contains("orders").contains("PRIMARY"));
    }

    @Test
    void aWaiterBehindATransactionIdleWithTheRowIsBlockedByIt() throws Exception {
        Connection holder = holding(1);
        Connection waiter = holding();
        waitFor(waiter, 1);

        Snapshot s = awaitSnapshot(blockedBy(id(waiter), id(holder)));

        Session w = session(s, id(waiter));
        assertThat(w.attribute(StandardAttributes.LOCK_WAITED)).contains("row lock on deckdb.orders, index PRIMARY, X");
        assertThat(w.attribute(StandardAttributes.LOCK_WAIT_TIME)).hasValueSatisfying(t ->
                assertThat(t).isBetween(Duration.ZERO, WITHIN));
        assertThat(w.isActive()).isTrue();
        Session h = session(s, id(holder));
        assertThat(h.isActive()).as("idle in transaction").isFalse();
        assertThat(h.blockingIds()).isEmpty();
        assertThat(h.attribute(StandardAttributes.LOCK_WAITED)).isEmpty();
        assertThat(admin.blockingUnknown()).isEmpty();

        BlockingTree tree = BlockingTree.of(s.sessions());
        assertThat(tree.roots()).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualTo(id(holder));
            assertThat(root.session()).contains(h);
            assertThat(root.heldUp()).isEqualTo(1);
            assertThat(root.waiters()).extracting(BlockingTree.Node::id).containsExactly(id(waiter));
        });
        assertThat(tree.isRoot(h)).isTrue();
        assertThat(tree.heldUpBy(h)).isEqualTo(1);
    }

    @Test
    void aWaiterBehindARunningStatementOfTheHolderAndItsWaitGrows() throws Exception {
        Connection holder = holding(2);
        Victim running = Victim.start(holder, EmbeddedMariaDb.threadId(holder), "SELECT SLEEP(60)");
        opened.add(running);
        Connection waiter = holding();
        waitFor(waiter, 2);

        String waiterId = id(waiter);
        Snapshot s = awaitSnapshot(blockedBy(waiterId, id(holder)).and(x -> x.find(waiterId)
                .flatMap(StandardAttributes.LOCK_WAIT_TIME::in).filter(t -> t.compareTo(Duration.ofSeconds(1)) >= 0).isPresent()));

        Session w = session(s, id(waiter));
        assertThat(w.attribute(StandardAttributes.LOCK_WAITED)).contains("row lock on deckdb.orders, index PRIMARY, X");
        Session h = session(s, id(holder));
        assertThat(h.isActive()).as("runs SLEEP in the transaction").isTrue();
        assertThat(h.sql()).contains("SELECT SLEEP(60)");
        BlockingTree tree = BlockingTree.of(s.sessions());
        assertThat(tree.roots()).extracting(BlockingTree.Node::id).containsExactly(id(holder));
        assertThat(tree.heldUpBy(h)).isEqualTo(1);
    }

    @Test
    void aChainOfThreeHasTheFirstHolderAsItsRoot() throws Exception {
        Connection a = holding(1);
        Connection b = holding(2);
        waitFor(b, 1);
        Connection c = holding();
        waitFor(c, 2);

        Snapshot s = awaitSnapshot(blockedBy(id(b), id(a)).and(blockedBy(id(c), id(b))));

        assertThat(session(s, id(a)).blockingIds()).isEmpty();
        for (String waiter : List.of(id(b), id(c))) {
            Session w = session(s, waiter);
            assertThat(w.attribute(StandardAttributes.LOCK_WAITED)).hasValueSatisfying(l ->
                    assertThat(l).contains("deckdb.orders").contains("index PRIMARY"));
            assertThat(w.attribute(StandardAttributes.LOCK_WAIT_TIME)).isPresent();
        }
        BlockingTree tree = BlockingTree.of(s.sessions());
        assertThat(tree.roots()).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualTo(id(a));
            assertThat(root.heldUp()).isEqualTo(2);
            assertThat(root.waiters()).singleElement().satisfies(middle -> {
                assertThat(middle.id()).isEqualTo(id(b));
                assertThat(middle.waiters()).extracting(BlockingTree.Node::id).containsExactly(id(c));
            });
        });
        assertThat(tree.waiterCount()).isEqualTo(2);
    }

    @Test
    void nobodyWaitingLeavesEveryoneWithoutLockValues() throws Exception {
        holding(3);

        Snapshot s = admin.snapshot();

        assertThat(s.sessions()).allSatisfy(x -> {
            assertThat(x.blockingIds()).isEmpty();
            assertThat(x.attribute(StandardAttributes.LOCK_WAITED)).isEmpty();
            assertThat(x.attribute(StandardAttributes.LOCK_WAIT_TIME)).isEmpty();
        });
        assertThat(BlockingTree.of(s.sessions()).isEmpty()).isTrue();
        assertThat(admin.blockingUnknown()).isEmpty();
    }

    @Test
    void aUserWithoutProcessIsToldWhyAndStillGetsItsListing() throws Exception {
        try (SessionSource plain = SessionSources.loaded().open(DB.plainSpec())) {
            Snapshot s = plain.snapshot();

            assertThat(s.sessions()).isNotEmpty().allSatisfy(x -> assertThat(x.user()).contains(EmbeddedMariaDb.PLAIN));
            // INNODB_TRX and INNODB_LOCKS answer 1227 without PROCESS
            assertThat(plain.blockingUnknown()).hasValueSatisfying(why -> {
                assertThat(why.english()).contains("PROCESS").contains("INNODB_LOCKS");
                assertThat(why.resolve(Locale.SIMPLIFIED_CHINESE)).contains("PROCESS");
            });
            assertThat(plain.limitation()).isPresent();
            assertThat(admin.snapshot().sessions()).isNotEmpty();
            assertThat(admin.blockingUnknown()).isEmpty();
        }
    }
}
