package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KillVerificationTest {

    private static Session session(String identity, SessionState state, String sql, long seconds, Long queryId) {
        SessionKey key = new SessionKey("db", "", 7, identity,
                queryId == null ? OptionalLong.empty() : OptionalLong.of(queryId));
        return Session.builder(key).state(state).sql(sql).executionTime(Duration.ofSeconds(seconds)).set(StandardAttributes.QUERY_ID, queryId).build();
    }

    private static final Session RUNNING = session("t0", SessionState.ACTIVE, "SELECT pg_sleep(60)", 5, null);

    @Test
    void aSessionNoLongerListedOrStartedAnewIsDoneForEitherMode() {
        for (KillMode mode : KillMode.values()) {
            assertThat(KillVerification.done(mode, Optional.of(RUNNING), Optional.empty())).isTrue();
            assertThat(KillVerification.done(mode, Optional.of(RUNNING),
                    Optional.of(session("t1", SessionState.ACTIVE, "SELECT pg_sleep(60)", 9, null)))).isTrue();
        }
    }

    @Test
    void aSessionStillThereIsNotClosedEvenWhenIdle() {
        assertThat(KillVerification.done(KillMode.SESSION, Optional.of(RUNNING),
                Optional.of(session("t0", SessionState.IDLE, "SELECT pg_sleep(60)", 0, null)))).isFalse();
    }

    @Test
    void aCancelIsDoneWhenTheSessionIdlesOrRunsAnotherStatement() {
        Optional<Session> before = Optional.of(RUNNING);
        assertThat(KillVerification.done(KillMode.QUERY, before,
                Optional.of(session("t0", SessionState.IDLE, "SELECT pg_sleep(60)", 0, null)))).isTrue();
        assertThat(KillVerification.done(KillMode.QUERY, before,
                Optional.of(session("t0", SessionState.ACTIVE, "SELECT 1", 0, null)))).isTrue();
        assertThat(KillVerification.done(KillMode.QUERY, before,
                Optional.of(session("t0", SessionState.ACTIVE, "SELECT pg_sleep(60)", 1, null)))).isTrue();
        assertThat(KillVerification.done(KillMode.QUERY, before,
                Optional.of(session("t0", SessionState.ACTIVE, "SELECT pg_sleep(60)", 6, null)))).isFalse();
    }

    @Test
    void aStatementIdInTheKeyDecidesOverTextAndTime() {
        Session was = session("t0", SessionState.ACTIVE, "SELECT SLEEP(60)", 5, 41L);
        assertThat(KillVerification.done(KillMode.QUERY, Optional.of(was),
                Optional.of(session("t0", SessionState.ACTIVE, "SELECT SLEEP(60)", 9, 42L)))).isTrue();
        assertThat(KillVerification.done(KillMode.QUERY, Optional.of(was),
                Optional.of(session("t0", SessionState.ACTIVE, "SELECT SLEEP(60)", 1, 41L)))).isFalse();
    }

    @Test
    void aNumericIdIsReadForTheKill() throws SourceException {
        assertThat(KillVerification.numericId(SessionKey.ofId("db", "42"), Text.verbatim("Cannot close session 42 on db"))).isEqualTo(42L);
        assertThat(KillVerification.numericId(new SessionKey("db", "", 0, "", OptionalLong.empty()), Text.verbatim("w"))).isZero();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"-1", "abc", "5f3c9a2e-ab01", "1; KILL 2", "4 2", "99999999999999999999"})
    void anIdThatIsNoWholeNumberOfZeroOrMoreIsRefusedAndNeverSent(String id) {
        String what = "Cannot close session " + id + " on db";
        assertThatThrownBy(() -> KillVerification.numericId(SessionKey.ofId("db", id),
                KillVerification.describe("db", SessionKey.ofId("db", id), KillMode.SESSION)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED);
                    assertThat(e.getMessage()).startsWith(what + ": ").contains("whole number");
                });
    }

    @Test
    void describeNamesTheSessionAndRefusesAKeyOfAnotherDataSource() throws SourceException {
        assertThat(KillVerification.describe("db", SessionKey.ofId("db", "7"), KillMode.SESSION).english())
                .isEqualTo("Cannot close session 7 on db");
        assertThat(KillVerification.describe("db", SessionKey.ofId("db", "7"), KillMode.QUERY).english())
                .isEqualTo("Cannot cancel the statement of session 7 on db");
        assertThatThrownBy(() -> KillVerification.describe("db", SessionKey.ofId("other", "7"), KillMode.SESSION))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("data source other");
                });
    }
}
