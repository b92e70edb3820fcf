package dev.sessiondeck.core.source.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.testing.PlanFixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MySQL plan parsers on recorded shapes (no MySQL server runs here; see
 * {@code fixtures/mysql/README.md}): FORMAT=TREE as the MySQL 8.0 Reference Manual, "EXPLAIN
 * Statement", prints it; FORMAT=JSON and the traditional table as in the 5.7 manual, "EXPLAIN Output
 * Format".
 */
class MySqlPlansTest {

    @Test
    void treeStepsFollowTheIndentationAndCarryTheEstimates() {
        List<Step> steps = MySqlPlans.parseTree(PlanFixtures.text("mysql/8.0/explain_tree_hash_join.txt"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "Sort", ""),
                tuple(1, "Table scan", "<temporary>"),
                tuple(2, "Aggregate using temporary table", ""),
                tuple(3, "Inner hash join", ""),
                tuple(4, "Table scan", "l"),
                tuple(4, "Hash", ""),
                tuple(5, "Filter", ""),
                tuple(6, "Table scan", "o"));
        assertThat(steps.get(0).detail().english()).isEqualTo("total DESC");
        // the newer optimizer writes a cost range: its upper end is the step's cost
        assertThat(steps.get(0).cost()).contains(2.60);
        assertThat(steps.get(0).rows()).contains(10.0);
        assertThat(steps.get(1).cost()).isEmpty();
        assertThat(steps.get(3).detail().english()).isEqualTo("l.order_id = o.id");
        assertThat(steps.get(3).rows()).contains(1180.0);
        assertThat(steps.get(3).cost()).contains(1204.50);
        assertThat(steps.get(6).detail().english()).isEqualTo("(o.note like '%rush%')");
        assertThat(steps.get(7).rows()).contains(1000.0);
    }

    @Test
    void treeLookupsNameTheirTableAndKeepTheIndexAndConditionInTheDetail() {
        List<Step> steps = MySqlPlans.parseTree(PlanFixtures.text("mysql/8.0/explain_tree_lookups.txt"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "Limit", ""),
                tuple(1, "Nested loop inner join", ""),
                tuple(2, "Index range scan", "c"),
                tuple(2, "Single-row index lookup", "u"),
                tuple(1, "Select #2", ""),
                tuple(2, "Aggregate", ""),
                tuple(3, "Covering index scan", "p"));
        assertThat(steps.get(0).detail().english()).isEqualTo("10 row(s)");
        assertThat(steps.get(2).detail().english()).startsWith("using idx_created over ('2024-01-01' <= created_at)")
                .endsWith("with index condition: (c.created_at >= DATE'2024-01-01')");
        assertThat(steps.get(2).rows()).contains(4.0);
        assertThat(steps.get(3).detail().english()).isEqualTo("using PRIMARY (id=c.user_id)");
        assertThat(steps.get(4).detail().english()).isEqualTo("subquery in condition; run only once");
        assertThat(steps.get(5).detail().english()).isEqualTo("max(p.amount)");
        // estimates in exponent notation
        assertThat(steps.get(6).rows()).contains(5.98e6);
        assertThat(steps.get(6).cost()).contains(6.05e5);
    }

    @Test
    void jsonOf57GivesTheQueryBlockItsOperationsAndTablesNested() throws Exception {
        List<Step> steps = MySqlPlans.parseJson(PlanFixtures.text("mysql/5.7/explain_json.json"));

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object).containsExactly(
                tuple(0, "Select #1", ""),
                tuple(1, "Ordering operation", ""),
                tuple(2, "Grouping operation", ""),
                tuple(3, "Nested loop", ""),
                tuple(4, "Table scan (ALL)", "o"),
                tuple(4, "Index lookup (ref)", "l"));
        assertThat(steps.get(0).cost()).contains(2417.40);
        assertThat(steps.get(1).detail().english()).isEqualTo("Using temporary table, Using filesort");
        Step o = steps.get(4);
        assertThat(o.rows()).contains(1000.0);
        assertThat(o.cost()).contains(203.0);
        assertThat(o.detail().english()).isEqualTo("filtered 11.11 %; condition (`shop`.`o`.`note` like '%rush%')");
        Step l = steps.get(5);
        assertThat(l.rows()).contains(11.0);
        assertThat(l.cost()).contains(2417.40);
        assertThat(l.detail().english()).isEqualTo("key idx_order; ref shop.o.id");
    }

    @Test
    void theTraditionalTableOfSeveralSelectsPutsEachSelectsTablesUnderIt() {
        PlanTable table = PlanFixtures.table("mysql/5.7/explain_traditional.csv");

        List<Step> steps = table.steps();

        assertThat(steps).extracting(Step::depth, Step::operation, Step::object, Step::rows).containsExactly(
                tuple(0, "Select #1", "", Optional.empty()),
                tuple(1, "Table scan (ALL)", "o", Optional.of(1000.0)),
                tuple(0, "Select #2", "", Optional.empty()),
                tuple(1, "Index lookup (ref)", "l", Optional.of(11.0)));
        assertThat(steps.get(0).detail().english()).isEqualTo("PRIMARY");
        assertThat(steps.get(1).detail().english()).isEqualTo("filtered 33.33 %; Using where");
        assertThat(steps.get(2).detail().english()).isEqualTo("DEPENDENT SUBQUERY");
        assertThat(steps.get(3).detail().english()).isEqualTo("key idx_order; ref shop.o.id");
    }

    @Test
    void theTableIsRenderedAsTheMysqlClientPrintsIt() {
        String text = PlanFixtures.table("mysql/5.7/explain_traditional.csv").render();

        assertThat(text.lines().toList()).containsExactly(
                "+----+--------------------+-------+------------+------+---------------+-----------+---------+-----------+------+----------+-------------+",
                "| id | select_type        | table | partitions | type | possible_keys | key       | key_len | ref       | rows | filtered | Extra       |",
                "+----+--------------------+-------+------------+------+---------------+-----------+---------+-----------+------+----------+-------------+",
                "|  1 | PRIMARY            | o     | NULL       | ALL  | NULL          | NULL      | NULL    | NULL      | 1000 |    33.33 | Using where |",
                "|  2 | DEPENDENT SUBQUERY | l     | NULL       | ref  | idx_order     | idx_order |       4 | shop.o.id |   11 |   100.00 | NULL        |",
                "+----+--------------------+-------+------------+------+---------------+-----------+---------+-----------+------+----------+-------------+");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ALL, Table scan (ALL)", "ref, Index lookup (ref)", "eq_ref, Unique index lookup (eq_ref)",
            "const, Single row (const)", "range, Index range scan (range)", "hash, hash"})
    void accessTypesAreWordedWithTheServersTermKept(String type, String words) {
        assertThat(PlanTable.accessType(type)).isEqualTo(words);
    }
}
