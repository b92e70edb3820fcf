package dev.sessiondeck.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");

    private static Session session(int id, boolean active, long millis, String sql) {
        Session.Builder b = Session.builder(SessionKey.ofId("db", Integer.toString(id))).user("app")
                .state(active ? SessionState.ACTIVE : SessionState.IDLE).sql(sql);
        if (active) {
            b.executionTime(Duration.ofMillis(millis));
        }
        return b.build();
    }

    private static Snapshot at(int second, List<Session> sessions) {
        return new Snapshot("db", sessions, T0.plusSeconds(second), Duration.ofMillis(3));
    }

    /** n idle sessions (each a new object, equal to the ones of the previous call) and one active one running for {@code second} s. */
    private static List<Session> crowd(int n, int second) {
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(session(i, false, 0, "SELECT " + i));
        }
        out.add(session(n, true, second * 1000L, "SELECT SLEEP(600)"));
        return out;
    }

    @Test
    void theIdleSessionsABusyListingLeftOutCountInTheTotalButNotAsActive() {
        SessionHistory h = new SessionHistory();
        h.add(new Snapshot("db", List.of(session(1, true, 1_000, "SELECT SLEEP(60)")), T0, Duration.ofMillis(3), 4_999));

        HistoryPoint p = h.points().get(0);
        assertThat(p.total()).isEqualTo(5_000);
        assertThat(p.active()).isEqualTo(1);
        assertThat(p.sessions()).hasValueSatisfying(kept -> assertThat(kept).hasSize(1));
        assertThatThrownBy(() -> new Snapshot("db", List.of(), T0, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPointCountsTotalActiveBlockedAndTheLongestStatementLeavingOutOwnAndBackground() {
        SessionHistory h = new SessionHistory();
        Session waiter = session(3, true, 2_000, "UPDATE t SET a = 1").toBuilder()
                .set(StandardAttributes.BLOCKED_BY, List.of("1")).build();
        Session own = session(4, true, 99_000, "SELECT * FROM processlist").toBuilder().own(true).build();
        Session worker = session(5, true, 98_000, null).toBuilder().background(true).build();
        h.add(at(0, List.of(session(1, false, 0, null), session(2, true, 7_500, "SELECT SLEEP(60)"), waiter, own, worker)));

        HistoryPoint p = h.points().get(0);
        assertThat(p.total()).isEqualTo(3);
        assertThat(p.active()).isEqualTo(2);
        assertThat(p.blocked()).isEqualTo(1);
        assertThat(p.longest()).contains(Duration.ofMillis(7_500));
        assertThat(p.sessions()).hasValueSatisfying(list -> assertThat(list).hasSize(5));
        h.add(at(1, List.of(session(1, false, 0, null))));
        assertThat(h.points().get(1).longest()).isEmpty();
    }

    @Test
    void pointsOlderThanTheWindowGo() {
        SessionHistory h = new SessionHistory(Duration.ofSeconds(60), SessionHistory.DEFAULT_BUDGET_BYTES);
        for (int s = 0; s <= 200; s++) {
            h.add(at(s, crowd(3, s)));
        }
        assertThat(h.points()).hasSize(61);
        assertThat(h.points().get(0).at()).isEqualTo(T0.plusSeconds(140));
    }

    @Test
    void unchangedSessionsAreKeptOnceAcrossRefreshes() {
        SessionHistory h = new SessionHistory();
        for (int s = 0; s < 100; s++) {
            h.add(at(s, crowd(50, s)));
        }
        assertThat(h.pointsWithSessions()).isEqualTo(100);
        // the 50 idle ones once, the active one changes its time every refresh
        assertThat(h.distinctSessions()).isEqualTo(50 + 100);
        assertThat(h.estimatedBytes()).isEqualTo(recomputed(h));
    }

    @Test
    void overTheBudgetTheOldestRefreshesGiveUpTheirSessionsButKeepTheirCounts() {
        long budget = 200_000;
        SessionHistory h = new SessionHistory(Duration.ofMinutes(15), budget);
        for (int s = 0; s < 300; s++) {
            // every session new each refresh: nothing to share
            List<Session> changing = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                changing.add(session(i, true, s * 1000L + i, "SELECT " + s));
            }
            h.add(at(s, changing));
            assertThat(h.estimatedBytes()).isLessThanOrEqualTo(budget);
            assertThat(h.estimatedBytes()).isEqualTo(recomputed(h));
        }
        List<HistoryPoint> points = h.points();
        assertThat(points).hasSize(300).allSatisfy(p -> assertThat(p.total()).isEqualTo(100));
        assertThat(points.get(0).sessions()).isEmpty();
        assertThat(points.get(299).sessions()).isPresent();
        assertThat(h.pointsWithSessions()).isBetween(1, 299);
        // the kept ones are the newest
        int firstKept = points.indexOf(points.stream().filter(p -> p.sessions().isPresent()).findFirst().orElseThrow());
        assertThat(points.subList(firstKept, 300)).allSatisfy(p -> assertThat(p.sessions()).isPresent());
    }

    @Test
    void sharedSessionsStayAccountedWhenTheirFirstHolderGoes() {
        SessionHistory h = new SessionHistory(Duration.ofSeconds(30), 60_000);
        for (int s = 0; s < 200; s++) {
            h.add(at(s, crowd(40, s)));
            assertThat(h.estimatedBytes()).isEqualTo(recomputed(h));
            assertThat(h.estimatedBytes()).isLessThanOrEqualTo(60_000);
        }
    }

    @Test
    void aNonPositiveWindowOrANegativeBudgetIsRefused() {
        assertThatThrownBy(() -> new SessionHistory(Duration.ZERO, 1)).hasMessageContaining("window");
        assertThatThrownBy(() -> new SessionHistory(Duration.ofMinutes(1), -1)).hasMessageContaining("budget");
    }

    /** What the kept sessions are estimated at, counted from scratch: references per point, each object once. */
    private static long recomputed(SessionHistory h) {
        Map<Session, Boolean> seen = new IdentityHashMap<>();
        long total = 0;
        for (HistoryPoint p : h.points()) {
            Optional<List<Session>> list = p.sessions();
            if (list.isPresent()) {
                total += (long) SessionHistory.REFERENCE_BYTES * list.get().size();
                for (Session s : list.get()) {
                    if (seen.put(s, Boolean.TRUE) == null) {
                        total += SessionHistory.estimate(s);
                    }
                }
            }
        }
        return total;
    }
}
