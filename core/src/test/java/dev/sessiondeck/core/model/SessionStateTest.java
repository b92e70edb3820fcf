package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PostgreSQL's {@code pg_stat_activity.state} words as the session states they mean. */
class SessionStateTest {

    @Test
    void everyStateThePostgresManualListsIsKnown() {
        assertThat(SessionState.fromPostgres("active")).isEqualTo(SessionState.ACTIVE);
        assertThat(SessionState.fromPostgres("idle")).isEqualTo(SessionState.IDLE);
        assertThat(SessionState.fromPostgres("idle in transaction")).isEqualTo(SessionState.IDLE_IN_TRANSACTION);
        assertThat(SessionState.fromPostgres("idle in transaction (aborted)"))
                .isEqualTo(SessionState.IDLE_IN_TRANSACTION_ABORTED);
        assertThat(SessionState.fromPostgres("fastpath function call")).isEqualTo(SessionState.FASTPATH_FUNCTION_CALL);
        assertThat(SessionState.fromPostgres("disabled")).isEqualTo(SessionState.DISABLED);
    }

    @Test
    void anyCaseIsReadAndWhatIsNotAStateIsUnknown() {
        assertThat(SessionState.fromPostgres("Idle In Transaction")).isEqualTo(SessionState.IDLE_IN_TRANSACTION);
        assertThat(SessionState.fromPostgres("ACTIVE")).isEqualTo(SessionState.ACTIVE);
        assertThat(SessionState.fromPostgres("waiting")).isEqualTo(SessionState.UNKNOWN);
        assertThat(SessionState.fromPostgres("WAITING")).isEqualTo(SessionState.UNKNOWN);
        assertThat(SessionState.fromPostgres("")).isEqualTo(SessionState.UNKNOWN);
        assertThat(SessionState.fromPostgres(null)).isEqualTo(SessionState.UNKNOWN);
    }
}
