package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.ExecutionPlan.Step;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The plan of the selected session's statement in the window, on a real MariaDB: Ctrl+E on a running
 * SELECT shows a progress indicator while the plan is read in the background, then the steps as a tree
 * with rows, marked as the plan that runs, and Copy copies the server's text; on an idle session Plan
 * is greyed with the reason, and Ctrl+E says it in plain words.
 */
class PlanWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    /**
     * A join with a subquery, half a second a row of plan_items (40 rows, 20 seconds at the most), read
     * row by row, so MariaDB answers SHOW ANALYZE between rows; its plan has two SELECTs.
     */
    static final String SLOW_JOIN = "SELECT i.id, i.name, t.tag, (SELECT COUNT(*) FROM plan_tags g WHERE g.item = i.id) AS tags "
            + "FROM plan_items i JOIN plan_tags t ON t.item = i.id WHERE SLEEP(0.5) = 0";

    /** The workers: a pool whose two threads a test can hold, to see the dialog before the plan is read. */
    private ThreadPoolExecutor pool;

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plan_items (id INT PRIMARY KEY, name VARCHAR(40))");
            st.execute("INSERT INTO plan_items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_40");
            st.execute("CREATE TABLE plan_tags (item INT, tag VARCHAR(20), KEY (item))");
            st.execute("INSERT INTO plan_tags SELECT seq, 'tag' FROM seq_1_to_40");
            st.execute("ANALYZE TABLE plan_items, plan_tags");
        }
    }

    @Start
    void start(Stage stage) {
        pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        open(stage, pool);
    }

    @Test
    void ctrlEShowsTheRunningPlanAsATreeWithRowsAndCopyCopiesTheServersText() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, SLOW_JOIN);
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());
        clickOn(rowNode(row));
        assertThat(fx(() -> lookup("#plan-button").queryButton().isDisable())).isFalse();

        CountDownLatch release = holdWorkers();
        try {
            push(KeyCode.CONTROL, KeyCode.E);
            // the plan is read on a worker, which is held: the dialog shows that it is reading
            assertThat(lookup("#plan-dialog").tryQuery()).isPresent();
            assertThat(lookup("#plan-progress").tryQuery()).isPresent();
            assertThat(lookup("#copy-plan-button").queryButton().isDisable()).isTrue();
        } finally {
            release.countDown();
        }

        TreeTableView<Step> tree = await().atMost(Duration.ofSeconds(15))
                .until(() -> lookup("#plan-tree").<TreeTableView<Step>>tryQuery(), Optional::isPresent).orElseThrow();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#plan-unavailable").tryQuery()).as(fx(() -> label("#plan-unavailable"))).isEmpty();
        List<TreeItem<Step>> items = fx(() -> all(tree.getRoot()));
        assertThat(items).extracting(i -> i.getValue().object()).contains("i", "t", "g");
        assertThat(items).as("a step per SELECT with its tables under it")
                .anySatisfy(i -> assertThat(i.getChildren()).isNotEmpty())
                .anySatisfy(i -> assertThat(i.getParent()).isNotSameAs(tree.getRoot()));
        assertThat(items).anySatisfy(i -> assertThat(i.getValue().rows()).isPresent());
        assertThat(fx(() -> label("#plan-kind"))).isEqualTo("The plan this statement runs now");
        assertThat(fx(() -> label("#plan-note"))).contains("so far");
        assertThat(fx(() -> tree.getColumns().stream().filter(TreeTableColumn::isVisible).map(TreeTableColumn::getText).toList()))
                .as("MariaDB gives no cost: its column is left out").containsExactly("Operation", "Object", "Rows", "Detail");

        Screenshots.write(lookup("#plan-dialog").query().getScene(), Path.of("target", "screenshots", "plan-dialog.png"));

        clickOn("#copy-plan-button");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).contains("r_rows", "DEPENDENT SUBQUERY");
        assertThat(v.isRunning()).as("reading the plan leaves the statement running").isTrue();
        clickOn("#plan-close-button");
        assertThat(lookup("#plan-dialog").tryQuery()).isEmpty();
    }

    @Test
    void anIdleSessionHasPlanGreyedWithTheReasonAndCtrlESaysItInPlainWords() throws Exception {
        try (Connection idle = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD);
             Statement st = idle.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            long id = EmbeddedMariaDb.threadId(idle);
            show(DB.adminSpec());
            SessionRow row = awaitRow(id, r -> !r.isActive());
            clickOn(rowNode(row));

            assertThat(fx(() -> lookup("#plan-button").queryButton().isDisable())).isTrue();
            assertThat(fx(() -> tooltipOf("#plan-holder"))).contains("runs no statement");
            openRowMenu(row);
            Label item = lookup("#menu-plan-label").query();
            assertThat(fx(() -> item.getTooltip().getText())).contains("runs no statement");
            assertThat(fx(() -> item.getPseudoClassStates().toString())).contains("blocked");
            type(KeyCode.ESCAPE);

            push(KeyCode.CONTROL, KeyCode.E);
            assertThat(lookup("#plan-tree").tryQuery()).isEmpty();
            assertThat(fx(() -> label("#plan-unavailable"))).isEqualTo(
                    "The session runs no statement now, so there is no plan to show.");
            assertThat(lookup("#copy-plan-button").<Button>query().isVisible()).as("nothing to copy").isFalse();
            Screenshots.write(lookup("#plan-dialog").query().getScene(), Path.of("target", "screenshots", "plan-idle.png"));
            clickOn("#plan-close-button");
        }
    }

    /** Holds both workers until the latch is counted down. */
    private CountDownLatch holdWorkers() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> held.getCount() == 0);
        return release;
    }

    private String label(String id) {
        return lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static List<TreeItem<Step>> all(TreeItem<Step> root) {
        List<TreeItem<Step>> out = new ArrayList<>();
        for (TreeItem<Step> c : root.getChildren()) {
            out.add(c);
            out.addAll(all(c));
        }
        return out;
    }
}
