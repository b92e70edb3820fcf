package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.testing.EmbeddedPostgres;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The blocking view on PostgreSQL's real row locks: a transaction that updated a row and sits idle
 * holds up two sessions updating the same row; the view shows it as the root blocker, its row in the
 * table is marked, and Close Root Blocker, after the confirmation that lists exactly it, ends its
 * backend, so that the waiters go on.
 */
class BlockingPostgresIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    private static final PseudoClass ROOT_BLOCKER = PseudoClass.getPseudoClass("root-blocker");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeAll
    static void accounts() throws SQLException {
        try (Connection c = PG.connectSuper(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
            st.execute("INSERT INTO accounts VALUES (1, 100)");
            st.execute("GRANT SELECT, UPDATE ON accounts TO " + EmbeddedPostgres.PLAIN);
        }
    }

    private void refreshUntil(Callable<Boolean> shown) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return shown.call();
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> vm.refreshingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeTableView<BlockingView.Entry> tree() {
        return lookup("#blocking-tree").query();
    }

    /** The first line of the tree showing session {@code id}, depth first. */
    private Optional<TreeItem<BlockingView.Entry>> line(TreeItem<BlockingView.Entry> parent, long id) {
        for (TreeItem<BlockingView.Entry> child : parent.getChildren()) {
            if (child.getValue().node().id().equals(Long.toString(id))) {
                return Optional.of(child);
            }
            Optional<TreeItem<BlockingView.Entry>> below = line(child, id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    private Optional<List<BlockingTree.Node>> roots() throws Exception {
        return fx(() -> Optional.of(tree().getRoot().getChildren().stream().map(i -> i.getValue().node()).toList()));
    }

    private static int balance() throws SQLException {
        try (Connection c = PG.connectSuper(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT balance FROM accounts WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void closeRootBlockerEndsTheTransactionHoldingTheRowAndTheWaitersGoOn() throws Exception {
        int before = balance();
        Connection holder = PG.connect(EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD);
        opened.add(holder);
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.executeUpdate("UPDATE accounts SET balance = balance - 1000 WHERE id = 1");
        }
        long holderPid = EmbeddedPostgres.backendPid(holder);
        show(PG.adminSpec());
        Victim first = victim(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
        refreshUntil(() -> shownRow(first.threadId()).map(r -> !r.getSession().blockingIds().isEmpty()).orElse(false));
        Victim second = victim(PG, EmbeddedPostgres.PLAIN, EmbeddedPostgres.PLAIN_PASSWORD,
                "UPDATE accounts SET balance = balance + 2 WHERE id = 1");
        clickOn(rowNode(shownRow(first.threadId()).orElseThrow()));
        push(KeyCode.CONTROL, KeyCode.B);
        refreshUntil(() -> fx(() -> tree().getRoot().getChildren().size() == 1
                && tree().getRoot().getChildren().get(0).getValue().node().heldUp() == 2));

        BlockingTree.Node root = roots().orElseThrow().get(0);
        assertThat(root.id()).isEqualTo(Long.toString(holderPid));
        assertThat(root.session().map(Session::state).map(s -> s.label())).contains("IDLE IN TRANSACTION");
        assertThat(fx(() -> line(tree().getRoot(), first.threadId()).orElseThrow().getParent().getValue().node().id()))
                .as("the first waiter waits for the holder").isEqualTo(Long.toString(holderPid));
        assertThat(fx(() -> line(tree().getRoot(), second.threadId()))).isPresent();
        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("1 root blocker holds up 2 sessions");
        TableRow<?> holderRow = lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> t
                && t.getItem() instanceof SessionRow r && r.getSession().id().equals(Long.toString(holderPid))).query();
        assertThat(holderRow.getPseudoClassStates()).contains(ROOT_BLOCKER);
        assertThat(lookup(".blocking-waits-for-cell").match((Node n) -> n instanceof javafx.scene.control.TreeTableCell<?, ?> c
                && c.getText() != null && c.getText().startsWith("row lock on accounts")).tryQuery())
                .as("PostgreSQL names the lock waited for (pg_locks)").isPresent();
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view-postgres.png"));

        // the line of the last waiter: the root blocker above it is what closes
        TreeItem<BlockingView.Entry> last = fx(() -> line(tree().getRoot(), second.threadId()).orElseThrow());
        fx(() -> {
            tree().getSelectionModel().select(last);
            return null;
        });
        clickOn("#blocking-close-session");
        TableView<Session> targets = lookup("#action-targets").query();
        assertThat(targets.getItems()).extracting(Session::id).containsExactly(Long.toString(holderPid));
        clickOn("#action-ok");

        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("#" + holderPid);
        first.awaitEnd(Duration.ofSeconds(10));
        second.awaitEnd(Duration.ofSeconds(10));
        assertThat(first.isRunning()).isFalse();
        assertThat(second.isRunning()).isFalse();
        assertThat(holder.isValid(2)).as("the holder's backend is gone").isFalse();
        assertThat(balance()).as("the holder's update rolled back, both waiters' went through").isEqualTo(before + 3);
        refreshUntil(() -> fx(() -> tree().getRoot().getChildren().isEmpty()));
        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("Nobody waits");
    }
}
