package dev.sessiondeck.core.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.testing.PlanFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code EXPLAIN (FORMAT JSON)} read into steps (PostgreSQL manual, "EXPLAIN"), on plans recorded from
 * PostgreSQL 18 ({@code fixtures/postgres/README.md}): the steps nest as the plain format indents, and
 * their operations read as it prints them.
 */
class PostgresPlansTest {

    @Test
    void aJoinPlanNestsItsNodesAndReadsAsThePlainFormat() throws Exception {
        List<Step> steps = PostgresPlans.parseJson(PlanFixtures.text("postgres/18/explain_join.json"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "Limit", ""),
                tuple(1, "Sort", ""),
                tuple(2, "HashAggregate", ""),
                tuple(3, "Hash Join", ""),
                tuple(4, "Seq Scan", "order_lines l"),
                tuple(4, "Hash", ""),
                tuple(5, "Seq Scan", "orders o"));
        // the plain format prints the same operations in the same order
        String plain = PlanFixtures.text("postgres/18/explain_join.txt");
        int at = 0;
        for (Step s : steps) {
            at = plain.indexOf(s.operation(), at);
            assertThat(at).as(s.operation()).isNotNegative();
        }
        assertThat(steps.get(0).cost()).contains(2790.33);
        assertThat(steps.get(0).rows()).contains(10.0);
        assertThat(steps.get(1).detail().english()).isEqualTo("Sort Key: (sum(l.amount)) DESC");
        assertThat(steps.get(2).detail().english()).isEqualTo("Group Key: o.customer");
        assertThat(steps.get(3).detail().english()).isEqualTo("Hash Cond: (l.order_id = o.id)");
        assertThat(steps.get(4).rows()).contains(88677.0);
        assertThat(steps.get(4).cost()).contains(1791.0);
        assertThat(steps.get(4).detail().english()).isEqualTo("Filter: (amount > '10'::numeric)");
        assertThat(steps.get(6).detail().english()).isEqualTo("Filter: (created >= '2024-06-01'::date)");
    }

    @Test
    void aGenericPlanKeepsItsParametersInTheConditionsAndNamesItsIndexes() throws Exception {
        List<Step> steps = PostgresPlans.parseJson(PlanFixtures.text("postgres/18/explain_generic.json"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "Nested Loop Semi Join", ""),
                tuple(1, "Index Scan", "orders o"),
                tuple(1, "Bitmap Heap Scan", "order_lines l"),
                tuple(2, "Bitmap Index Scan", ""));
        assertThat(steps.get(1).detail().english()).isEqualTo("using orders_pkey; Index Cond: (id = $1)");
        assertThat(steps.get(2).detail().english()).isEqualTo("Recheck Cond: (order_id = $1); Filter: (amount > $2)");
        assertThat(steps.get(3).detail().english()).isEqualTo("using order_lines_pkey; Index Cond: (order_id = $1)");
    }
}
