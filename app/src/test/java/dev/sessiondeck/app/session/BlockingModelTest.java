package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blocking view's model without a window: the tree of the shown rows, the root blockers' marks, the notes. */
class BlockingModelTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    private final FakeSessionSource orders = new FakeSessionSource("orders");
    private final FakeSessionSource ledger = new FakeSessionSource("ledger");
    private final Map<String, FakeSessionSource> byName = Map.of("orders", orders, "ledger", ledger);
    private final SessionsViewModel vm = new SessionsViewModel(spec -> byName.get(spec.name()), NOW);
    private final BlockingModel model = new BlockingModel(vm);

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static Session idle(String source, long id) {
        return session(source, id, "batch", "shop", false, null, 60);
    }

    private static Session waiting(String source, long id, String... blockers) {
        return session(source, id, "app", "shop", true, "UPDATE t SET a = 1 WHERE id = 1", 2).toBuilder()
                .set(StandardAttributes.BLOCKED_BY, List.of(blockers)).build();
    }

    private SessionRow row(long id) {
        return vm.allRows().stream().filter(r -> r.getSession().id().equals(Long.toString(id))).findFirst().orElseThrow();
    }

    @Test
    void rootBlockersAreMarkedWithHowManyTheyHoldUpAndUnmarkedWhenTheyLetGo() {
        orders.list(List.of(idle("orders", 1), waiting("orders", 2, "1"), waiting("orders", 3, "2"), idle("orders", 4)));
        vm.addDataSource(orders);

        BlockingTree tree = model.treeProperty().get();
        assertThat(tree.roots()).extracting(BlockingTree.Node::id).containsExactly("1");
        assertThat(model.waitingProperty().get()).isEqualTo(2);
        assertThat(row(1).getHoldsUp()).isEqualTo(2);
        assertThat(row(2).getHoldsUp()).as("waits itself: no root").isZero();
        assertThat(row(4).getHoldsUp()).isZero();
        assertThat(model.rowOf(tree.roots().get(0))).containsSame(row(1));

        orders.list(List.of(idle("orders", 1), idle("orders", 2), idle("orders", 3), idle("orders", 4)));
        vm.refresh();

        assertThat(model.treeProperty().get().isEmpty()).isTrue();
        assertThat(model.waitingProperty().get()).isZero();
        assertThat(row(1).getHoldsUp()).isZero();
    }

    @Test
    void theTreeFollowsTheShownDataSourcesAndNamesThoseThatCannotTell() {
        ledger.blockingUnknown = Text.of("dev.sessiondeck.app.testsource.messages", "blocking.unknown");
        ledger.list(List.of(idle("ledger", 1), waiting("ledger", 2, "1")));
        orders.list(List.of(idle("orders", 1), waiting("orders", 5, "1"), waiting("orders", 6, "1")));
        vm.addDataSource(ledger);
        vm.addDataSource(orders);

        assertThat(model.treeProperty().get().roots()).extracting(BlockingTree.Node::dataSource).containsExactly("orders");
        assertThat(model.unknown()).isEmpty();

        vm.showAllProperty().set(true);

        assertThat(model.treeProperty().get().roots()).extracting(BlockingTree.Node::dataSource, BlockingTree.Node::heldUp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", 2), org.assertj.core.groups.Tuple.tuple("ledger", 1));
        assertThat(model.unknown()).containsExactly("ledger: blocking unknown: the user lacks PROCESS, so the server shows no lock waits");

        vm.currentProperty().set(orders);

        assertThat(model.unknown()).isEmpty();
        assertThat(model.waitingProperty().get()).isEqualTo(2);
    }

    @Test
    void aBlockerTheListingDoesNotShowHasNoRow() {
        orders.list(List.of(waiting("orders", 7, "99")));
        vm.addDataSource(orders);

        BlockingTree.Node root = model.treeProperty().get().roots().get(0);
        assertThat(root.id()).isEqualTo("99");
        assertThat(model.rowOf(root)).isEmpty();
        assertThat(model.rowOf(root.waiters().get(0))).containsSame(row(7));
    }
}
