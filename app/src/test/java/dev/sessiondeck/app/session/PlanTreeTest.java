package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** The steps of a plan, each with its depth, become the tree the plan dialog shows. */
class PlanTreeTest {

    private static Step step(int depth, String operation) {
        return new Step(depth, operation, "", Optional.empty(), Optional.empty(), "");
    }

    private static List<String> names(TreeItem<Step> item) {
        return item.getChildren().stream().map(c -> c.getValue().operation()).toList();
    }

    @Test
    void eachStepGoesUnderTheNearestStepBeforeItOfASmallerDepth() {
        TreeItem<Step> root = PlanDialog.treeOf(List.of(
                step(0, "Hash Join"),
                step(1, "Seq Scan p"),
                step(1, "Hash"),
                step(2, "Seq Scan q"),
                step(0, "Result")));

        assertThat(names(root)).containsExactly("Hash Join", "Result");
        TreeItem<Step> join = root.getChildren().get(0);
        assertThat(names(join)).containsExactly("Seq Scan p", "Hash");
        assertThat(names(join.getChildren().get(1))).containsExactly("Seq Scan q");
        assertThat(join.isExpanded()).isTrue();
    }

    @Test
    void aDepthThatSkipsALevelStillNestsAndTablesOfOneSelectAreSiblings() {
        TreeItem<Step> root = PlanDialog.treeOf(List.of(
                step(0, "Select #1"),
                step(2, "deep"),
                step(1, "t"),
                step(0, "i"),
                step(0, "g")));

        assertThat(names(root)).containsExactly("Select #1", "i", "g");
        assertThat(names(root.getChildren().get(0))).containsExactly("deep", "t");
    }

    @Test
    void noStepsGiveAnEmptyTree() {
        assertThat(PlanDialog.treeOf(List.of()).getChildren()).isEmpty();
    }
}
