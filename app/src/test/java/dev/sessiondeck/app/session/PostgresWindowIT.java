package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.PlanFixtures;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * The session window on a real PostgreSQL (zonky): a running statement with its SQL, an idle
 * transaction highlighted, Close Query cancelling, background processes hidden until asked for,
 * what a role without privileges sees of others' sessions, and the plan of a running SELECT marked as
 * one made now.
 */
class PostgresWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static final PseudoClass IDLE_IN_TRANSACTION = PseudoClass.getPseudoClass("idle-in-transaction");
    private static final PseudoClass NOT_SQL = PseudoClass.getPseudoClass("not-sql");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** A session of the plain role left idle inside a transaction. */
    private long idleInTransaction() throws Exception {
        Connection c = PG.connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
        opened.add(c);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        return EmbeddedPostgres.backendPid(c);
    }

    /** The shown cell of {@code column}'s kind in the row of session {@code id}. */
    private Optional<TableCell<?, ?>> cell(long id, String styleClass, String text) {
        return lookup(styleClass).match((Node n) -> n instanceof TableCell<?, ?> c && text.equals(c.getText())
                && c.getTableRow() != null && c.getTableRow().getItem() instanceof SessionRow r && r.getSession().id().equals(Long.toString(id)))
                .tryQuery();
    }

    private void refreshUntil(java.util.concurrent.Callable<Boolean> shown) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return shown.call();
        });
    }

    @Test
    void showsARunningStatementHighlightsAnIdleTransactionAndCloseQueryCancels() throws Exception {
        Victim v = victim(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD, "SELECT pg_sleep(60)");
        long idle = idleInTransaction();
        show(PG.adminSpec());

        SessionRow row = awaitActiveRow(v.threadId());
        assertThat(row.valueProperty(SessionColumn.SQL).get()).isEqualTo("SELECT pg_sleep(60)");
        assertThat(row.valueProperty(SessionColumn.USER).get()).isEqualTo(EmbeddedPostgres.PLAIN);
        assertThat(row.valueProperty(SessionColumn.COMMAND).get()).isEqualTo("client backend");
        assertThat(cell(v.threadId(), ".sql-cell", "SELECT pg_sleep(60)")).isPresent();
        refreshUntil(() -> cell(idle, ".table-cell", "IDLE IN TRANSACTION").isPresent());
        assertThat(cell(idle, ".table-cell", "IDLE IN TRANSACTION").orElseThrow().getPseudoClassStates())
                .contains(IDLE_IN_TRANSACTION);
        assertThat(shownRow(idle).orElseThrow().valueProperty(SessionColumn.of(StandardAttributes.TRANSACTION_START)).get()).isNotNull();
        assertThat(cell(v.threadId(), ".table-cell", "ACTIVE").orElseThrow().getPseudoClassStates())
                .doesNotContain(IDLE_IN_TRANSACTION);
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "postgres-table.png"));

        clickOn(rowNode(row));
        clickOn("#close-query-button");
        clickOn("#action-ok");

        assertThat(v.awaitFailure().getSQLState()).isEqualTo("57014");
        assertThat(v.selectOne()).isEqualTo(1);
        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("#" + v.threadId()).contains("closed");
    }

    @Test
    void thePlanOfARunningSelectIsMarkedAsAPlanMadeNowWithItsCost() throws Exception {
        PlanFixtures.postgresItems(PG);
        Victim v = victim(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                "SELECT p.id, q.name, pg_sleep(1) FROM plan_items p JOIN plan_items q ON q.id = p.id - 1 WHERE p.id > 0");
        show(PG.adminSpec());
        clickOn(rowNode(awaitActiveRow(v.threadId())));
        clickOn("#plan-button");

        Label kind = await().atMost(Duration.ofSeconds(15))
                .until(() -> lookup("#plan-kind").match(Node::isVisible).<Label>tryQuery(), Optional::isPresent)
                .orElseThrow();
        assertThat(fx(kind::getText)).isEqualTo("A plan made now for the same text, not the one running");
        assertThat(fx(kind::getStyleClass)).contains(Styles.WARNING);
        assertThat(fx(() -> lookup("#plan-note").queryAs(Label.class).getText()))
                .contains("a plan made now for the same text");
        TreeTableView<?> tree = lookup("#plan-tree").queryAs(TreeTableView.class);
        assertThat(fx(() -> tree.getColumns().stream().filter(TreeTableColumn::isVisible)
                .map(TreeTableColumn::getText).toList())).contains("Rows", "Cost");
        Screenshots.write(kind.getScene(), Path.of("target", "screenshots", "plan-postgres.png"));
        assertThat(fx(() -> tree.getRoot().getChildren().get(0).getChildren())).as("the join's inputs under it").isNotEmpty();
        clickOn("#plan-close-button");
    }

    @Test
    void backgroundProcessesAreHiddenUntilTheToggleShowsThem() throws Exception {
        show(PG.adminSpec());
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(() -> vm.allRows().isEmpty()));
        assertThat(fx(() -> vm.allRows().stream().anyMatch(r -> r.getSession().background())))
                .as("the checkpointer and friends are listed").isTrue();
        assertThat(fx(() -> table().getItems().stream().noneMatch(r -> r.getSession().background()))).isTrue();

        clickOn("#column-chooser");
        clickOn("#show-background");

        assertThat(fx(() -> table().getItems().stream().anyMatch(r -> r.getSession().background()))).isTrue();
        assertThat(fx(() -> table().getItems().stream().filter(r -> r.getSession().background())
                .map(r -> (String) r.valueProperty(SessionColumn.COMMAND).get()).toList())).contains("checkpointer");
    }

    @Test
    void aRoleWithoutPrivilegesSeesInsufficientPrivilegeAsSuchNotAsSql() throws Exception {
        Connection other = PG.connect(EmbeddedPostgres.ADMIN, EmbeddedPostgres.ADMIN_PASSWORD);
        opened.add(other);
        long hidden = EmbeddedPostgres.backendPid(other);
        show(PG.plainSpec());

        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(hidden).isPresent());
        SessionRow row = shownRow(hidden).orElseThrow();
        assertThat(row.getSession().sql()).isEmpty();
        assertThat(row.valueProperty(SessionColumn.SQL).get()).isEqualTo("<insufficient privilege>");
        assertThat(cell(hidden, ".sql-cell", "<insufficient privilege>").orElseThrow().getPseudoClassStates()).contains(NOT_SQL);
        javafx.scene.control.Label limited = lookup("#status-limited").queryAs(javafx.scene.control.Label.class);
        assertThat(fx(limited::isVisible)).as("the status bar says why the view is limited").isTrue();
        assertThat(fx(limited::getText)).contains("pg_read_all_stats", EmbeddedPostgres.PLAIN);
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "postgres-limited-view.png"));
    }

    @Test
    void aRoleThatMaySeeEverySessionGetsNoLimitedViewNote() throws Exception {
        show(PG.adminSpec());

        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> vm.lastRefreshProperty().get() != null));
        assertThat(fx(() -> lookup("#status-limited").queryAs(javafx.scene.control.Label.class).isVisible())).isFalse();
    }
}
