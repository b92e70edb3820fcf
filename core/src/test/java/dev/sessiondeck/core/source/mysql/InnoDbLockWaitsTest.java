package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.testing.RecordedResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * InnoDB's and performance_schema's lock waits mapped from recorded rows ({@code fixtures/mysql},
 * shaped after the MySQL manual's examples), put on the waiting sessions, and the tree they make.
 */
class InnoDbLockWaitsTest {

    private static Session session(String id, long runSeconds) {
        return Session.builder(SessionKey.ofId("db", id)).executionTime(Duration.ofSeconds(runSeconds)).build();
    }

    private static List<Session> listing(String... ids) {
        return Stream.of(ids).map(id -> session(id, 100)).toList();
    }

    @Test
    void mapsMySql8RowWaitsAndWorksOutTheMetadataLockPileUp() throws SQLException {
        List<LockWaits.Wait> waits = InnoDbLockWaits.collect(RecordedResultSet.csv("/fixtures/mysql/8.0/lock_waits.csv"));

        String row = "row lock on test.t, index GEN_CLUST_INDEX, X";
        assertThat(waits).containsExactly(
                new LockWaits.Wait("5", "4", row, Duration.ofSeconds(13)),
                new LockWaits.Wait("6", "4", row, Duration.ofSeconds(4)),
                new LockWaits.Wait("6", "5", row, Duration.ofSeconds(4)),
                // a prepared XA transaction holds it: no session to name
                new LockWaits.Wait("8", null, "row lock on shop.orders, index PRIMARY, X,REC_NOT_GAP", Duration.ofSeconds(2)),
                // ALTER TABLE waits for the idle transaction's SHARED_READ, not for its own SHARED_UPGRADABLE
                new LockWaits.Wait("11", "10", "metadata lock on shop.items, EXCLUSIVE", Duration.ofSeconds(30)),
                // the SELECT shares the granted locks but is queued behind the waiting EXCLUSIVE
                new LockWaits.Wait("12", "11", "metadata lock on shop.items, SHARED_READ", Duration.ofSeconds(7)));
    }

    @Test
    void mySql8WaitsOnTheListingMakeTwoTrees() throws SQLException {
        List<LockWaits.Wait> waits = InnoDbLockWaits.collect(RecordedResultSet.csv("/fixtures/mysql/8.0/lock_waits.csv"));
        List<Session> listed = listing("3", "4", "5", "6", "8", "10", "11", "12");
        List<Session> sessions = LockWaits.apply(listed, waits);

        Session c = sessions.get(3);
        assertThat(c.blockingIds()).containsExactly("4", "5");
        assertThat(c.attribute(StandardAttributes.LOCK_WAITED)).contains("row lock on test.t, index GEN_CLUST_INDEX, X");
        assertThat(c.attribute(StandardAttributes.LOCK_WAIT_TIME)).contains(Duration.ofSeconds(4));
        Session xa = sessions.get(4);
        assertThat(xa.blockingIds()).isEmpty();
        assertThat(xa.attribute(StandardAttributes.LOCK_WAITED)).hasValueSatisfying(l -> assertThat(l).contains("X,REC_NOT_GAP"));
        assertThat(sessions.get(0)).as("waits for nothing").isSameAs(listed.get(0));

        BlockingTree tree = BlockingTree.of(sessions);
        assertThat(tree.roots()).extracting(BlockingTree.Node::id).containsExactly("10", "4");
        assertThat(tree.roots()).extracting(BlockingTree.Node::heldUp).containsExactly(2, 2);
        assertThat(tree.waiterCount()).isEqualTo(4);
    }

    @Test
    void mapsMySql57InformationSchemaRowsWithTheirQuotedTables() throws SQLException {
        List<LockWaits.Wait> waits = InnoDbLockWaits.collect(RecordedResultSet.csv("/fixtures/mysql/5.7/innodb_lock_waits.csv"));

        assertThat(waits).containsExactly(
                new LockWaits.Wait("6", "5", "row lock on test.t, index PRIMARY, X", Duration.ofSeconds(21)),
                // queued behind 6 for the same record: blocked by the holder, not by the waiter ahead
                new LockWaits.Wait("7", "5", "row lock on test.t, index PRIMARY, X", Duration.ofSeconds(9)),
                // the prepared XA transaction holding the table lock has no session
                new LockWaits.Wait("9", null, "table lock on shop.orders, IX", Duration.ofSeconds(3)));
        BlockingTree tree = BlockingTree.of(LockWaits.apply(listing("5", "6", "7", "9"), waits));
        assertThat(tree.roots()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("5");
            assertThat(r.heldUp()).isEqualTo(2);
        });
    }

    @Test
    void aChainOfThreeOnMySql57RecordsNamesEachHolder() throws SQLException {
        // 5 holds row 1; 6 holds row 2 and waits for row 1; 7 waits for row 2
        RecordedResultSet rows = new RecordedResultSet(List.of("KIND", "C2", "C3", "C4", "C5", "C6", "C7", "C8"),
                List.of(
                        new String[] {"T", "B1", "5", null, null, null, null, null},
                        new String[] {"T", "B2", "6", "4", "B2:9:3:2", null, null, null},
                        new String[] {"T", "B3", "7", "2", "B3:9:3:3", null, null, null},
                        new String[] {"K", "B1:9:3:2", "B1", "`shop`.`t`", "PRIMARY", "RECORD", "X", "9:3:2"},
                        new String[] {"K", "B2:9:3:2", "B2", "`shop`.`t`", "PRIMARY", "RECORD", "X", "9:3:2"},
                        new String[] {"K", "B2:9:3:3", "B2", "`shop`.`t`", "PRIMARY", "RECORD", "X", "9:3:3"},
                        new String[] {"K", "B3:9:3:3", "B3", "`shop`.`t`", "PRIMARY", "RECORD", "X", "9:3:3"}));

        List<LockWaits.Wait> waits = InnoDbLockWaits.collect(rows);

        assertThat(waits).extracting(LockWaits.Wait::waiter, LockWaits.Wait::blocker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("6", "5"), org.assertj.core.groups.Tuple.tuple("7", "6"));
        BlockingTree tree = BlockingTree.of(LockWaits.apply(listing("5", "6", "7"), waits));
        assertThat(tree.roots()).singleElement().satisfies(r -> assertThat(r.heldUp()).isEqualTo(2));
    }

    @Test
    void locksAreReadOnlyWhenAClientSessionOtherThanOursRunsAStatement() {
        Session idle = Session.builder(SessionKey.ofId("db", "1")).state(SessionState.IDLE).build();
        Session ours = Session.builder(SessionKey.ofId("db", "2")).state(SessionState.ACTIVE).own(true).build();
        Session daemon = Session.builder(SessionKey.ofId("db", "3")).state(SessionState.ACTIVE).background(true).build();
        Session running = Session.builder(SessionKey.ofId("db", "4")).state(SessionState.ACTIVE).build();

        assertThat(MySqlSessionSource.mayWait(List.of(idle, ours, daemon))).isFalse();
        assertThat(MySqlSessionSource.mayWait(List.of(idle, ours, daemon, running))).isTrue();
        assertThat(MySqlSessionSource.mayWait(List.of())).isFalse();
    }

    @Test
    void noWaitsLeaveTheListingAsItWas() throws SQLException {
        List<Session> listed = listing("1", "2");
        List<LockWaits.Wait> none = InnoDbLockWaits.collect(RecordedResultSet.empty("KIND", "C2", "C3", "C4", "C5", "C6",
                "C7", "C8"));

        assertThat(none).isEmpty();
        assertThat(LockWaits.apply(listed, none)).isSameAs(listed);
    }

    @Test
    void aWaiterOnSeveralRowsOfOneIdGetsItOnEachAndOthersStayTheSameObjects() {
        Session a1 = Session.builder(new SessionKey("ob", "10.0.0.2:2881", "7", "u@h", java.util.OptionalLong.empty())).build();
        Session a2 = Session.builder(new SessionKey("ob", "10.0.0.3:2881", "7", "u@h", java.util.OptionalLong.empty())).build();
        Session other = session("8", 1);

        List<Session> out = LockWaits.apply(List.of(a1, a2, other), List.of(
                new LockWaits.Wait("7", "8", "row lock", Duration.ofSeconds(1)),
                new LockWaits.Wait("7", "8", "row lock", Duration.ofSeconds(3)),
                new LockWaits.Wait("7", "7", "row lock", null)));

        assertThat(out.get(0).blockingIds()).containsExactly("8");
        assertThat(out.get(1).blockingIds()).containsExactly("8");
        assertThat(out.get(0).attribute(StandardAttributes.LOCK_WAIT_TIME)).contains(Duration.ofSeconds(3));
        assertThat(out.get(2)).isSameAs(other);
    }

    @Test
    void describesRowAndTableLocks() {
        assertThat(InnoDbLockWaits.rowLock("shop", "orders", "PRIMARY", "RECORD", "X,REC_NOT_GAP"))
                .isEqualTo("row lock on shop.orders, index PRIMARY, X,REC_NOT_GAP");
        assertThat(InnoDbLockWaits.rowLock("`shop`.`orders`", null, "k_idx", "RECORD", "S,GAP"))
                .isEqualTo("row lock on shop.orders, index k_idx, S,GAP");
        assertThat(InnoDbLockWaits.rowLock("`shop`.`orders` /* Partition `p1` */", null, null, "TABLE", "IX"))
                .isEqualTo("table lock on shop.orders /* Partition p1 */, IX");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new SQLException("Access denied; you need (at least one of) the PROCESS privilege(s) for this operation",
                        "42000", 1227), "the user lacks the PROCESS privilege, which information_schema.INNODB_TRX need"),
                Arguments.of(new SQLException("SELECT command denied to user 'deck_plain'@'localhost' for table"
                        + " `performance_schema`.`data_lock_waits`", "42000", 1142), "may not read performance_schema.data_lock_waits"),
                // MySQL 8 names the table alone, in quotes
                Arguments.of(new SQLException("SELECT command denied to user 'u'@'localhost' for table 'data_lock_waits'",
                        "42000", 1142), "may not read data_lock_waits"),
                Arguments.of(new SQLException("Access denied for user 'u'@'%' to database 'performance_schema'", "42000", 1044),
                        "may not read the database performance_schema"),
                Arguments.of(new SQLException("Table 'performance_schema.data_lock_waits' doesn't exist", "42S02", 1146),
                        "this server has no performance_schema.data_lock_waits"),
                Arguments.of(new SQLException("Unknown table 'INNODB_LOCKS' in information_schema", "42S02", 1109),
                        "this server has no INNODB_LOCKS"),
                Arguments.of(new SQLException("You have an error in your SQL syntax", "42000", 1064),
                        "the server refused the lock query: You have an error in your SQL syntax (error 1064)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void aRefusalNamesWhatIsMissingInBothLanguages(SQLException e, String english) throws SQLException {
        Text why = LockWaits.unknownBecause(e, "information_schema.INNODB_TRX");

        assertThat(why.english()).startsWith("Who blocks whom is unknown: ").contains(english);
        assertThat(why.resolve(Locale.SIMPLIFIED_CHINESE)).startsWith("无法得知会话阻塞关系");
    }

    @Test
    void aBrokenConnectionIsNoMissingPrivilegeAndIsThrown() {
        SQLException broken = new SQLException("Communications link failure", "08S01", 0);
        assertThatThrownBy(() -> LockWaits.unknownBecause(broken, "x")).isSameAs(broken);
    }
}
