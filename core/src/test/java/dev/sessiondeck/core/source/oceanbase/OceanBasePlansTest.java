package dev.sessiondeck.core.source.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.testing.PlanFixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OceanBase's plan table and plan cache rows read into steps, on shapes recorded after the manual and
 * OceanBase's own formatting code ({@code fixtures/oceanbase/README.md}; no OceanBase runs here).
 */
class OceanBasePlansTest {

    @Test
    void theActiveSessionPlanOf42NestsByItsTreeLinesAndCarriesTheCountsSoFar() {
        List<Step> steps = OceanBasePlans.parseTable(PlanFixtures.text("oceanbase/4.2/display_active_session_plan.txt"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "HASH GROUP BY", ""),
                tuple(1, "HASH JOIN", ""),
                tuple(2, "TABLE FULL SCAN", "o"),
                tuple(2, "TABLE FULL SCAN", "l"));
        Step l = steps.get(3);
        assertThat(l.rows()).contains(98010.0);
        assertThat(l.cost()).contains(5120.0);
        assertThat(l.detail().english()).startsWith("so far 52119 rows, 10992731 us; output([l.order_id], [l.amount])")
                .endsWith("range(MIN,MIN ; MAX,MAX)always true");
        assertThat(steps.get(2).detail().english()).contains("filter([o.note LIKE '%会话%' ESCAPE '\\\\'])");
    }

    @Test
    void plansBefore42AreIndentedASpaceALevel() {
        List<Step> steps = OceanBasePlans.parseTable(PlanFixtures.text("oceanbase/4.1/explain_without_tree_lines.txt"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object, Step::rows).containsExactly(
                tuple(0, "TOP-N SORT", "", Optional.of(10.0)),
                tuple(1, "NESTED-LOOP JOIN", "", Optional.of(10.0)),
                tuple(2, "TABLE SCAN", "O", Optional.of(100.0)),
                tuple(2, "TABLE GET", "C", Optional.of(1.0)),
                tuple(1, "SUBPLAN SCAN", "V21", Optional.of(2.0)));
        assertThat(steps.get(1).detail().english()).isEqualTo("output([O.ID], [O.CREATED]), filter(nil) conds(nil), nl_params_([O.CUSTOMER_ID])");
    }

    @Test
    void planCacheRowsTakeTheirDepthAndLoseTheirIndentation() {
        List<OceanBasePlans.CachedOperator> ops = List.of(
                new OceanBasePlans.CachedOperator(0, "0", "PHY_UPDATE", null, "1", "46", "update([inventory.qty])"),
                new OceanBasePlans.CachedOperator(1, "1", " PHY_TABLE_SCAN", "inventory(idx_sku)", "1", "45", "table_rows:1000"));

        assertThat(OceanBasePlans.cachedSteps(ops)).extracting(Step::depth, Step::operation, Step::object, Step::cost)
                .containsExactly(tuple(0, "PHY_UPDATE", "", Optional.of(46.0)),
                        tuple(1, "PHY_TABLE_SCAN", "inventory(idx_sku)", Optional.of(45.0)));
        assertThat(OceanBasePlans.cachedText(ops)).contains("|   PHY_TABLE_SCAN | inventory(idx_sku) |");
    }

    @Test
    void oceanBase3ShowsNoPlansAndSaysWhyWithoutAsking() {
        OceanBasePlans plans = new OceanBasePlans("ob3", ServerInfo.oceanBase("5.7.25-OceanBase-v3.2.4.0",
                Version.of(3, 2, 4, 0)), null);
        Session running = Session.builder(SessionKey.ofId("ob3", "7")).state(SessionState.ACTIVE).build();

        assertThat(plans.unavailable(running)).hasValueSatisfying(t -> assertThat(t.english()).contains("from 4.x on"));
    }
}
