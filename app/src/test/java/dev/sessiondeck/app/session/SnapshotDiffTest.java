package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diff a refresh's worker works out, and the rows it is applied to. */
class SnapshotDiffTest {

    private static Session idle(long id) {
        return session("fake", id, "app", "shop", false, null, 3);
    }

    private static Session running(long id, double seconds) {
        return session("fake", id, "app", "shop", true, "SELECT " + id, seconds);
    }

    private static Snapshot snapshot(Session... sessions) {
        return new Snapshot("fake", List.of(sessions), Instant.now(), Duration.ZERO);
    }

    @Test
    void eachSessionIsFoundWhereItStoodBeforeAndWhatChangedIsWorkedOut() {
        Session same = idle(1);
        Snapshot base = snapshot(same, running(2, 1), idle(3), idle(4));
        // 4 moved first, 1 is the same object, 2 ran on, 3 ended, 5 is new, 3 ... and 4 started a statement
        Snapshot next = snapshot(running(4, 0.1), same, running(2, 2), idle(5));

        SnapshotDiff diff = SnapshotDiff.of(base, next);

        assertThat(diff.previous).containsExactly(3, 0, 1, -1);
        assertThat(diff.kind).containsExactly(SnapshotDiff.FULL, SnapshotDiff.SAME, SnapshotDiff.TIME, SnapshotDiff.FULL);
        assertThat(diff.values[2]).isEqualTo(Duration.ofSeconds(2));
        Object[] started = (Object[]) diff.values[0];
        assertThat(started[SessionColumn.SQL.index()]).isEqualTo("SELECT 4");
        assertThat(started[SessionColumn.ID.index()]).isEqualTo(4L);
        assertThat(diff.active).isEqualTo(2);
        assertThat(diff.mayGroup).isFalse();
    }

    @Test
    void theFirstSnapshotHasEverySessionNew() {
        SnapshotDiff diff = SnapshotDiff.of(null, snapshot(idle(1), running(2, 1)));

        assertThat(diff.previous).containsExactly(-1, -1);
        assertThat(diff.kind).containsExactly(SnapshotDiff.FULL, SnapshotDiff.FULL);
        assertThat(diff.active).isEqualTo(1);
    }

    /** A diff worked out against a snapshot the rows no longer show is worked out again against theirs. */
    @Test
    void aDiffAgainstAnotherSnapshotThanTheRowsShowIsWorkedOutAgain() {
        SessionRows rows = new SessionRows();
        SourceFeed feed = new SourceFeed(new FakeSessionSource("fake"));
        rows.show(null);
        Snapshot first = snapshot(idle(1), running(2, 1), idle(3));
        rows.apply(feed, SnapshotDiff.of(null, first), List.of(feed), (r, seconds) -> { });
        feed.firstSnapshot = false;
        SessionRow one = rows.all().get(0);
        SessionRow two = rows.all().get(1);

        // worked out against a snapshot in another order: its indexes name other rows
        Snapshot other = snapshot(idle(3), running(2, 1), idle(1));
        Snapshot second = snapshot(running(2, 5), idle(1), idle(4));
        rows.apply(feed, SnapshotDiff.of(other, second), List.of(feed), (r, seconds) -> { });

        assertThat(rows.all()).extracting(r -> r.getSession().id()).containsExactly("1", "2", "4");
        assertThat(rows.all().get(0)).as("the same session keeps its row").isSameAs(one);
        assertThat(rows.all().get(1)).isSameAs(two);
        assertThat(two.value(SessionColumn.EXECUTION_TIME)).isEqualTo(Duration.ofSeconds(5));
        assertThat(rows.all().get(2).isFresh()).isTrue();
        assertThat(feed.activeRows).isEqualTo(1);
    }
}
