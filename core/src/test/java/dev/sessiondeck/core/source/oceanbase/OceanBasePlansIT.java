package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.ExecutionPlan.Missing;
import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.OceanBaseEmulation;
import dev.sessiondeck.core.testing.OceanBasePlanEmulation;
import dev.sessiondeck.core.testing.Victim;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans on OceanBase 4.2 emulated inside a real MariaDB ({@link OceanBaseEmulation},
 * {@link OceanBasePlanEmulation}): the adapter's own SQL runs over a real connection against recorded
 * rows. The running plan of a recorded session on another OBServer comes from DBMS_XPLAN, asked with
 * that OBServer's RPC port; another's from the plan cache by SQL ID, the newest plan of its own
 * OBServer only.
 */
class OceanBasePlansIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--version=5.7.25-OceanBase_CE-v4.2.1.0");

    private static SessionSource source;

    @BeforeAll
    static void emulate() throws Exception {
        OceanBaseEmulation.install(DB);
        OceanBasePlanEmulation.install(DB);
        source = SessionSources.loaded().open(OceanBaseEmulation.spec(DB, "ob-plans"));
    }

    @AfterAll
    static void close() {
        if (source != null) {
            source.close();
        }
    }

    private static Session listed(long id, String server) throws Exception {
        return source.snapshot().sessions().stream()
                .filter(s -> s.id().equals(Long.toString(id)) && s.key().server().equals(server)).findFirst().orElseThrow();
    }

    @Test
    void theRunningPlanComesFromDbmsXplanForTheSessionsObServer() throws Exception {
        Session s = listed(OceanBasePlanEmulation.ACTIVE_PLAN_SESSION, "10.0.0.2:2881");
        assertThat(source.planUnavailable(s)).isEmpty();

        ExecutionPlan plan = source.plan(s.key());

        assertThat(plan.available()).as(plan.toString()).isTrue();
        assertThat(plan.running()).isTrue();
        assertThat(plan.steps()).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "HASH GROUP BY", ""), tuple(1, "HASH JOIN", ""),
                tuple(2, "TABLE FULL SCAN", "o"), tuple(2, "TABLE FULL SCAN", "l"));
        assertThat(plan.text()).contains("Outputs & filters:", "REAL.ROWS");
        assertThat(plan.note()).hasValueSatisfying(n -> assertThat(n.english()).contains("counts so far"));
    }

    @Test
    void withoutARunningPlanThePlanCacheGivesTheNewestPlanOfItsSqlIdOnItsObServer() throws Exception {
        Session s = listed(3221487811L, "10.0.0.4:2881");

        ExecutionPlan plan = source.plan(s.key());

        assertThat(plan.available()).as(plan.toString()).isTrue();
        assertThat(plan.steps()).extracting(Step::depth, Step::operation, Step::object, Step::rows).containsExactly(
                tuple(0, "PHY_UPDATE", "", Optional.of(1.0)),
                tuple(1, "PHY_TABLE_SCAN", "inventory(idx_sku)", Optional.of(1.0)));
        assertThat(plan.note()).hasValueSatisfying(n -> assertThat(n.english())
                .contains("plan 741", "9F8E7D6C5B4A39281706F5E4D3C2B1A0", "10.0.0.4:2882"));
        assertThat(plan.text()).contains("PHY_TABLE_SCAN").doesNotContain("PHY_TABLE_GET");
    }

    @Test
    void anIdleRecordedSessionHasNoPlan() throws Exception {
        Session s = listed(3221487700L, "10.0.0.3:2881");
        assertThat(source.planUnavailable(s)).isPresent();

        assertThat(source.plan(s.key()).missing()).contains(Missing.IDLE);
    }

    @Test
    void aRunningStatementThatNeitherKnowsIsUnavailableInWords() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)")) {
            Session s = await().atMost(Duration.ofSeconds(10)).until(() -> source.snapshot().sessions().stream()
                    .filter(x -> x.id().equals(Long.toString(v.threadId())) && x.isActive()).findFirst(), Optional::isPresent)
                    .orElseThrow();

            ExecutionPlan plan = source.plan(s.key());

            assertThat(plan.missing()).contains(Missing.NOT_EXPLAINABLE);
            assertThat(plan.unavailable().orElseThrow().english()).contains("plan cache");
        }
    }

    @Test
    void anIdOnNoObServerIsGone() throws Exception {
        assertThat(source.plan(SessionKey.ofId(source.name(), "42424242")).missing()).contains(Missing.SESSION_GONE);
    }
}
