package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

/** Rows of one group stay together, head first, whatever the user sorts by. */
class SessionGroupsTest {

    private final FakeSessionSource source = new FakeSessionSource("fake");
    private final SessionsViewModel vm = new SessionsViewModel(spec -> source,
            new Background(Runnable::run, Runnable::run));

    private static Session session(long id, String server, boolean active, double seconds, Long leader) {
        return Session.builder(new SessionKey("fake", server, id, "u@h", OptionalLong.empty()))
                .state(active ? SessionState.ACTIVE : SessionState.IDLE)
                .executionTime(Duration.ofMillis((long) (seconds * 1000)))
                .set(StandardAttributes.LEADER_ID, leader == null ? null : leader.toString())
                .build();
    }

    private static final Comparator<SessionRow> BY_TIME = Comparator.comparingDouble(r -> r.getSession().executionSeconds());

    private List<String> order(Comparator<SessionRow> byUser) {
        SortedList<SessionRow> sorted = new SortedList<>(vm.allRows(), SessionGroups.comparator(byUser));
        return sorted.stream().map(r -> r.getSession().id() + "@" + r.getSession().key().server()).toList();
    }

    @Test
    void oneIdOnSeveralServersFollowsItsActiveRowInBothDirections() {
        source.list(List.of(
                session(7, "b:1", false, 0.0, null),
                session(5, "a:1", false, 100, null),
                session(7, "a:1", true, 12, null),
                session(9, "c:1", true, 3, null)));
        vm.addDataSource(source);

        assertThat(order(BY_TIME)).containsExactly("9@c:1", "7@a:1", "7@b:1", "5@a:1");
        assertThat(order(BY_TIME.reversed())).containsExactly("5@a:1", "7@a:1", "7@b:1", "9@c:1");
        assertThat(order(null)).as("no sort: by group").containsExactly("5@a:1", "7@a:1", "7@b:1", "9@c:1");
    }

    @Test
    void parallelWorkersFollowTheirLeaderAndMoveWithItAfterARefresh() {
        source.list(List.of(
                session(100, "", true, 5, null),
                session(101, "", true, 0.1, 100L),
                session(102, "", true, 9, 100L),
                session(200, "", true, 2, null)));
        vm.addDataSource(source);
        vm.comparatorProperty().set(SessionGroups.comparator(BY_TIME));
        List<SessionRow> sorted = vm.shownRows();
        assertThat(sorted).extracting(r -> r.getSession().id()).containsExactly("200", "100", "101", "102");

        // the leader's time drops below the other session's: its workers, unchanged, move with it
        source.list(List.of(
                session(100, "", true, 1, null),
                session(101, "", true, 0.1, 100L),
                session(102, "", true, 9, 100L),
                session(200, "", true, 2, null)));
        vm.refresh();

        assertThat(sorted).extracting(r -> r.getSession().id()).containsExactly("100", "101", "102", "200");
    }

    @Test
    void idsCompareAsNumbersWhenBothAreDigitsElseAsText() {
        assertThat(SessionGroups.compareIds("9", "10")).isNegative();
        assertThat(SessionGroups.compareIds("10", "9")).isPositive();
        assertThat(SessionGroups.compareIds("42", "42")).isZero();
        assertThat(SessionGroups.compareIds("123", "0f0e-4a")).as("numbers before text").isNegative();
        assertThat(SessionGroups.compareIds("3b0f", "0f0e")).isPositive();
        assertThat(SessionGroups.compareIds("", "1")).as("no digits at all counts as a number of length 0").isNegative();
    }
}
