package dev.sessiondeck.core.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.testing.PlanFixtures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's plans of running statements as it answers them: {@code SHOW EXPLAIN} (MariaDB Knowledge
 * Base, "SHOW EXPLAIN"; shaped after its example, 10.6) and {@code SHOW ANALYZE} ("SHOW ANALYZE",
 * recorded from the embedded MariaDB 11.4 of {@link MariaDbPlansIT}).
 */
class MariaDbPlansTest {

    @Test
    void showExplainGivesOneStepATableInJoinOrderWithTheEstimates() {
        List<Step> steps = PlanFixtures.table("mariadb/10.6/show_explain.csv").steps();

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object, Step::rows).containsExactly(
                tuple(0, "Index range scan (range)", "o", Optional.of(4210.0)),
                tuple(0, "Index lookup (ref)", "l", Optional.of(11.0)));
        assertThat(steps.get(0).detail().english()).isEqualTo("key idx_created; Using index condition");
        assertThat(steps.get(1).detail().english()).isEqualTo("key idx_order; ref shop.o.id");
        assertThat(steps).allSatisfy(s -> assertThat(s.cost()).isEmpty());
    }

    @Test
    void showAnalyzeCountsTheRowsReadSoFarAndKeepsTheEstimateInTheDetail() {
        List<Step> steps = PlanFixtures.table("mariadb/11.4/show_analyze.csv").steps();

        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.operation()).isEqualTo("Table scan (ALL)");
            assertThat(s.object()).isEqualTo("plan_items");
            assertThat(s.rows()).contains(1.0);
            assertThat(s.detail().english()).isEqualTo("estimated 60 rows; filtered so far 0.00 %; Using where");
            // our words in the window's language, the server's ("Using where") as it said them
            assertThat(s.detail().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("预计 60 行；目前已过滤 0.00 %；Using where");
        });
    }
}
