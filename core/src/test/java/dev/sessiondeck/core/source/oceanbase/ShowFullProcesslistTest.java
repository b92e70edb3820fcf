package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.testing.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OceanBase 3.x: the recorded 11-column shape of SHOW FULL PROCESSLIST. */
class ShowFullProcesslistTest {

    private final List<Map<String, String>> rows = Fixtures.rows("3.2/show_full_processlist.csv");

    @Test
    void theRecordedShapeHasElevenColumns() {
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(OceanBaseSessionSource.SHOW_COLUMNS);
    }

    @Test
    void ipAndPortNameTheObServerAndKeyTheSession() {
        Session s = OceanBaseSessionSource.map3("ob3", rows.get(1), id -> false);

        assertThat(s.id()).isEqualTo("3221225480");
        assertThat(s.key().numericId()).isEqualTo(3221225480L);
        assertThat(s.attribute(OceanBaseAttributes.OB_SERVER)).contains("10.0.0.3:2881");
        assertThat(s.key().server()).isEqualTo("10.0.0.3:2881");
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.sql()).contains("SELECT SLEEP(600)");
        assertThat(s.executionTime()).contains(Duration.ofSeconds(42));
        assertThat(s.attribute(OceanBaseAttributes.TENANT)).contains("obmysql");
        assertThat(s.attribute(OceanBaseAttributes.OB_PROXY)).isEmpty();
        assertThat(s.attributes().attributes()).containsExactly(OceanBaseAttributes.OB_SERVER, OceanBaseAttributes.TENANT);
    }

    @Test
    void sleepingSessionsAreIdleWithoutSql() {
        Session s = OceanBaseSessionSource.map3("ob3", rows.get(2), id -> false);
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.sql()).isEmpty();
    }

    @Test
    void ownSessionsAreFlagged() {
        Session s = OceanBaseSessionSource.map3("ob3", rows.get(0), id -> id == 3221225473L);
        assertThat(s.own()).isTrue();
    }
}
