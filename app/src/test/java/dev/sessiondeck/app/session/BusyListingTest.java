package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SnapshotScope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * "View Active Sessions Only" asks the sources for busy listings ({@link SnapshotScope#BUSY}): a
 * source that can leaves idle sessions out on the server's side; the counts still give them, and
 * showing everything again lists them at once.
 */
class BusyListingTest {

    private final FakeSessionSource source = new FakeSessionSource("fake");

    private static Session idle(long id) {
        return session("fake", id, "app", "shop", false, null, 3);
    }

    private static Session active(long id) {
        return session("fake", id, "app", "shop", true, "SELECT pg_sleep(60)", 2);
    }

    private static List<String> ids(SessionsViewModel vm) {
        return vm.allRows().stream().map(r -> r.getSession().id()).sorted().toList();
    }

    @Test
    void activeOnlyAsksForBusyListingsAndTheIdleLeftOutStillCountAsSessions() {
        source.narrows = true;
        source.list(List.of(idle(1), idle(2), active(3)));
        SessionsViewModel vm = new SessionsViewModel(spec -> source, new Background(Runnable::run, Runnable::run));
        vm.addDataSource(source);
        assertThat(source.scopes).containsOnly(SnapshotScope.ALL);
        assertThat(ids(vm)).containsExactly("1", "2", "3");

        vm.activeOnlyProperty().set(true);
        vm.refresh();

        assertThat(source.scopes).last().isEqualTo(SnapshotScope.BUSY);
        assertThat(ids(vm)).as("the idle ones were not listed").containsExactly("3");
        assertThat(vm.totalCountProperty().get()).as("but they are sessions of the server").isEqualTo(3);
        assertThat(vm.activeCountProperty().get()).isEqualTo(1);
        assertThat(vm.shownCountProperty().get()).isEqualTo(1);
        assertThat(vm.history()).last().satisfies(p -> assertThat(p.total()).isEqualTo(3));

        int asked = source.scopes.size();
        vm.activeOnlyProperty().set(false);

        assertThat(source.scopes).as("listed again at once, everything").hasSize(asked + 1).last().isEqualTo(SnapshotScope.ALL);
        assertThat(ids(vm)).containsExactly("1", "2", "3");
        assertThat(vm.totalCountProperty().get()).isEqualTo(3);
        assertThat(vm.shownCountProperty().get()).isEqualTo(3);
    }

    @Test
    void aBusyListingOnItsWayWhenEverythingIsAskedForIsFollowedByAListingOfEverything() {
        source.narrows = true;
        source.list(List.of(idle(1), active(2)));
        Deque<Runnable> pending = new ArrayDeque<>();
        Executor later = pending::add;
        SessionsViewModel vm = new SessionsViewModel(spec -> source, new Background(later, Runnable::run));
        vm.addDataSource(source);
        pending.poll().run();
        vm.activeOnlyProperty().set(true);
        vm.refresh();

        // shown everything again while the busy listing is still on its way: nothing to start yet
        vm.activeOnlyProperty().set(false);
        assertThat(pending).hasSize(1);
        pending.poll().run();

        assertThat(source.scopes).containsExactly(SnapshotScope.ALL, SnapshotScope.BUSY);
        assertThat(pending).as("the listing of everything, asked when the busy one was applied").hasSize(1);
        pending.poll().run();
        assertThat(source.scopes).last().isEqualTo(SnapshotScope.ALL);
        assertThat(ids(vm)).containsExactly("1", "2");
        assertThat(pending).isEmpty();
    }

    @Test
    void aSourceThatCannotNarrowListsEverythingAndNothingIsCountedTwice() {
        source.list(List.of(idle(1), idle(2), active(3)));
        SessionsViewModel vm = new SessionsViewModel(spec -> source, new Background(Runnable::run, Runnable::run));
        vm.addDataSource(source);

        vm.activeOnlyProperty().set(true);
        vm.refresh();

        assertThat(ids(vm)).containsExactly("1", "2", "3");
        assertThat(vm.shownCountProperty().get()).as("the view filters").isEqualTo(1);
        assertThat(vm.totalCountProperty().get()).isEqualTo(3);
    }
}
