package dev.sessiondeck.core.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.StandardAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The blocking forest: roots first by how many they hold up, waiters nested, circles and unseen blockers kept. */
class BlockingTreeTest {

    private static Session s(String source, String id, long runSeconds, long waitSeconds, String... blockers) {
        Session.Builder b = Session.builder(SessionKey.ofId(source, id)).executionTime(Duration.ofSeconds(runSeconds));
        if (blockers.length > 0) {
            b.set(StandardAttributes.BLOCKED_BY, List.of(blockers));
            b.set(StandardAttributes.LOCK_WAIT_TIME, Duration.ofSeconds(waitSeconds));
        }
        return b.build();
    }

    @Test
    void noWaitersNoTree() {
        BlockingTree t = BlockingTree.of(List.of(s("a", "1", 5, 0), s("a", "2", 5, 0)));
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.waiterCount()).isZero();
    }

    @Test
    void aChainOfThreeHasOneRootHoldingUpTwo() {
        Session root = s("a", "1", 90, 0);
        Session middle = s("a", "2", 30, 30, "1");
        Session last = s("a", "3", 10, 10, "2");
        BlockingTree t = BlockingTree.of(List.of(last, middle, root, s("a", "4", 1, 0)));

        assertThat(t.roots()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("1");
            assertThat(r.heldUp()).isEqualTo(2);
            assertThat(r.waiters()).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo("2");
                assertThat(m.waiting()).contains(Duration.ofSeconds(30));
                assertThat(m.waiters()).extracting(BlockingTree.Node::id).containsExactly("3");
            });
        });
        assertThat(t.isRoot(root)).isTrue();
        assertThat(t.isRoot(middle)).isFalse();
        assertThat(t.heldUpBy(root)).isEqualTo(2);
        assertThat(t.waiterCount()).isEqualTo(2);
    }

    @Test
    void rootsHoldingUpMoreComeFirstAndWaitersLongestWaitingFirst() {
        BlockingTree t = BlockingTree.of(List.of(
                s("a", "10", 5, 0), s("a", "11", 5, 3, "10"),
                s("b", "20", 5, 0), s("b", "21", 5, 4, "20"), s("b", "22", 5, 9, "20")));

        assertThat(t.roots()).extracting(BlockingTree.Node::dataSource, BlockingTree.Node::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "20"), org.assertj.core.groups.Tuple.tuple("a", "10"));
        assertThat(t.roots().get(0).waiters()).extracting(BlockingTree.Node::id).containsExactly("22", "21");
    }

    @Test
    void idsOfTwoDataSourcesNeverMix() {
        BlockingTree t = BlockingTree.of(List.of(s("a", "1", 5, 0), s("b", "1", 5, 0), s("b", "2", 5, 1, "1")));

        assertThat(t.roots()).singleElement().satisfies(r -> assertThat(r.dataSource()).isEqualTo("b"));
        assertThat(t.isRoot(s("a", "1", 5, 0))).isFalse();
    }

    @Test
    void aBlockerTheListingDoesNotShowStillHoldsItsWaiters() {
        BlockingTree t = BlockingTree.of(List.of(s("a", "5", 5, 2, "99")));

        assertThat(t.roots()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("99");
            assertThat(r.session()).isEmpty();
            assertThat(r.waiters()).extracting(BlockingTree.Node::id).containsExactly("5");
        });
    }

    @Test
    void aCircleGetsItsLongestRunningMemberAsRootMarkedAsACycle() {
        BlockingTree t = BlockingTree.of(List.of(s("a", "1", 10, 3, "2"), s("a", "2", 50, 3, "1")));

        assertThat(t.roots()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("2");
            assertThat(r.inCycle()).isTrue();
            assertThat(r.waiters()).extracting(BlockingTree.Node::id).containsExactly("1");
            assertThat(r.heldUp()).isEqualTo(1);
        });
    }

    @Test
    void aWaiterOfTwoBlockersStandsUnderBoth() {
        BlockingTree t = BlockingTree.of(List.of(s("a", "1", 5, 0), s("a", "2", 5, 0), s("a", "3", 5, 1, "1", "2")));

        assertThat(t.roots()).extracting(BlockingTree.Node::id).containsExactly("1", "2");
        assertThat(t.roots()).allSatisfy(r -> assertThat(r.waiters()).extracting(BlockingTree.Node::id).containsExactly("3"));
        assertThat(t.waiterCount()).isEqualTo(1);
    }
}
