package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The blocking view over a data source that says who blocks whom: root blockers at the top with
 * their waiters nested, the counts, the update on refresh that keeps expansion and selection, the
 * keyboard path (Ctrl+B, Enter), the root blocker marked in the table, Close Root Blocker through
 * the confirmation, and data sources that cannot tell.
 */
class BlockingViewIT extends WindowTestSupport {

    private static final PseudoClass ROOT_BLOCKER = PseudoClass.getPseudoClass("root-blocker");
    private static final String SOURCE = "orders";

    private final FakeSessionSource source = new FakeSessionSource(SOURCE);

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @AfterEach
    void lightAndEnglish() throws Exception {
        fx(() -> {
            Themes.apply(false);
            Messages.use(Locale.ENGLISH);
            return null;
        });
    }

    // ------------------------------------------------------------------ sessions

    /** A session idle in its transaction: it holds its row locks and waits for nobody. */
    private static Session holder(long id, String user) {
        return Session.builder(new SessionKey(SOURCE, "", id, user + "@h", java.util.OptionalLong.empty()))
                .user(user).source("10.0.0.9:4100" + id).database("shop").command("Sleep")
                .state(SessionState.IDLE_IN_TRANSACTION).executionTime(Duration.ofSeconds(95)).build();
    }

    private static Session waiter(long id, String user, String sql, double waitSeconds, String lock, long... blockers) {
        return FakeSessionSource.session(SOURCE, id, user, "shop", true, sql, waitSeconds + 0.2).toBuilder()
                .set(StandardAttributes.BLOCKED_BY, Arrays.stream(blockers).mapToObj(Long::toString).toList())
                .set(StandardAttributes.LOCK_WAITED, lock)
                .set(StandardAttributes.LOCK_WAIT_TIME, Duration.ofMillis((long) (waitSeconds * 1000)))
                .build();
    }

    private static final String ROW_LOCK = "RECORD X on shop.orders (PRIMARY)";

    /**
     * 100 holds a row lock that 101 and 103 wait for, and 102 waits for 101; 200 runs an ALTER that
     * 201 waits for; 300 waits for nobody.
     */
    private static List<Session> twoTrees() {
        return List.of(
                FakeSessionSource.session(SOURCE, 300, "report", "shop", true, "SELECT count(*) FROM orders", 0.4),
                waiter(101, "app", "UPDATE orders SET state = 'paid' WHERE id = 7", 12.5, ROW_LOCK, 100),
                waiter(102, "app", "UPDATE orders SET state = 'sent' WHERE id = 7", 4, ROW_LOCK, 101),
                waiter(103, "billing", "DELETE FROM orders WHERE id = 7", 8, ROW_LOCK, 100),
                holder(100, "batch"),
                FakeSessionSource.session(SOURCE, 200, "dba", "shop", true, "ALTER TABLE customers ADD COLUMN note TEXT", 30),
                waiter(201, "app", "SELECT * FROM customers WHERE id = 3", 2, "METADATA shop.customers (SHARED_READ)", 200));
    }

    // ------------------------------------------------------------------ helpers

    private void showSource(List<Session> sessions) throws Exception {
        source.list(sessions);
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        awaitRefreshed();
    }

    private void refreshWith(List<Session> sessions) throws Exception {
        source.list(sessions);
        java.time.Instant before = fx(() -> vm.lastRefreshProperty().get());
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !java.util.Objects.equals(before, vm.lastRefreshProperty().get())));
        awaitRefreshed();
    }

    private void awaitRefreshed() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> vm.lastRefreshProperty().get() != null
                && !vm.refreshingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeTableView<BlockingView.Entry> tree() {
        return lookup("#blocking-tree").query();
    }

    private static List<String> ids(TreeItem<BlockingView.Entry> parent) {
        return parent.getChildren().stream().map(i -> i.getValue().node().id()).toList();
    }

    private Optional<TreeItem<BlockingView.Entry>> item(String... path) throws Exception {
        return fx(() -> {
            TreeItem<BlockingView.Entry> at = tree().getRoot();
            for (String id : path) {
                at = at.getChildren().stream().filter(i -> i.getValue().node().id().equals(id)).findFirst().orElse(null);
                if (at == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(at);
        });
    }

    /** The text a column shows on the line of {@code id} (the first such line). */
    private Optional<String> cellText(String columnStyle, String id) {
        return lookup("." + columnStyle).match((Node n) -> n instanceof TreeTableCell<?, ?> c && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof BlockingView.Entry e && e.node().id().equals(id))
                .tryQuery().map(n -> ((TreeTableCell<?, ?>) n).getText());
    }

    private SessionRow row(long id) throws Exception {
        return fx(() -> vm.allRows().stream().filter(r -> r.getSession().id().equals(Long.toString(id))).findFirst().orElseThrow());
    }

    private Optional<TableRow<?>> tableRowNode(long id) {
        return lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> t && t.getItem() instanceof SessionRow r
                && r.getSession().id().equals(Long.toString(id))).tryQuery().map(n -> (TableRow<?>) n);
    }

    private void ctrlB() {
        push(KeyCode.CONTROL, KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean paneShown() {
        return lookup("#blocking-pane").tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false);
    }

    private void selectLine(String... path) throws Exception {
        TreeItem<BlockingView.Entry> it = item(path).orElseThrow();
        fx(() -> {
            tree().getSelectionModel().select(it);
            tree().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void rootBlockersStandAtTheTopWithTheirWaitersNestedAndCounted() throws Exception {
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        assertThat(paneShown()).as("hidden until asked for").isFalse();
        assertThat(lookup("#blocking-toggle").queryAs(ToggleButton.class).getText()).as("sessions waiting").isEqualTo("4");

        ctrlB();

        assertThat(paneShown()).isTrue();
        assertThat(fx(() -> tree().isFocused())).as("Ctrl+B moves the focus into the view").isTrue();
        TreeItem<BlockingView.Entry> top = tree().getRoot();
        assertThat(fx(() -> ids(top))).containsExactly("100", "200");
        assertThat(fx(() -> ids(item("100").orElseThrow()))).as("longest waiting first").containsExactly("101", "103");
        assertThat(fx(() -> ids(item("100", "101").orElseThrow()))).containsExactly("102");
        assertThat(fx(() -> ids(item("200").orElseThrow()))).containsExactly("201");
        assertThat(fx(() -> tree().getSelectionModel().getSelectedItem().getValue().node().id())).isEqualTo("100");
        assertThat(cellText("blocking-holds-up-cell", "100")).contains("3");
        assertThat(cellText("blocking-holds-up-cell", "101")).as("101 holds up 102 itself").contains("1");
        assertThat(cellText("blocking-holds-up-cell", "103")).contains("");
        assertThat(cellText("blocking-waiting-cell", "101")).contains("12.500");
        assertThat(cellText("blocking-waits-for-cell", "101")).contains(ROW_LOCK);
        assertThat(cellText("blocking-status-cell", "100")).contains("IDLE IN TRANSACTION");
        assertThat(cellText("blocking-user-cell", "103")).contains("billing");
        assertThat(cellText("blocking-sql-cell", "103")).contains("DELETE FROM orders WHERE id = 7");
        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("2 root blockers hold up 4 sessions");
        assertThat(lookup("#blocking-column-data-source").tryQuery()).isEmpty();

        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view.png"));
        fx(() -> {
            Themes.apply(true);
            return null;
        });
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view-dark.png"));
    }

    @Test
    void theRootBlockersRowInTheTableCarriesThePseudoClassAndTheCount() throws Exception {
        showSource(twoTrees());

        TableRow<?> holder = tableRowNode(100).orElseThrow();
        assertThat(holder.getPseudoClassStates()).contains(ROOT_BLOCKER);
        assertThat(tableRowNode(200).orElseThrow().getPseudoClassStates()).contains(ROOT_BLOCKER);
        assertThat(tableRowNode(101).orElseThrow().getPseudoClassStates()).doesNotContain(ROOT_BLOCKER);
        assertThat(tableRowNode(300).orElseThrow().getPseudoClassStates()).doesNotContain(ROOT_BLOCKER);
        Label badge = lookup(".blocker-badge").match((Node n) -> n.getParent() instanceof TableCell<?, ?> c
                && c.getTableRow() == holder).query();
        assertThat(badge.getText()).isEqualTo("3");
        assertThat(row(100).getHoldsUp()).isEqualTo(3);

        // the lock is let go: the marks go with it
        refreshWith(List.of(holder(100, "batch"), FakeSessionSource.session(SOURCE, 101, "app", "shop", true, "SELECT 1", 0.1)));

        assertThat(tableRowNode(100).orElseThrow().getPseudoClassStates()).doesNotContain(ROOT_BLOCKER);
        assertThat(lookup(".blocker-badge").match(Node::isVisible).match((Node n) -> n.getScene() != null
                && n.getParent() instanceof TableCell<?, ?> c && c.getGraphic() == n).tryQuery()).isEmpty();
        assertThat(lookup("#blocking-toggle").queryAs(ToggleButton.class).getText()).isNullOrEmpty();
    }

    @Test
    void aRefreshUpdatesTheTreeAndKeepsWhatWasCollapsedAndSelected() throws Exception {
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        ctrlB();
        fx(() -> {
            item("200").orElseThrow().setExpanded(false);
            return null;
        });
        selectLine("100", "101", "102");

        List<Session> next = new ArrayList<>(twoTrees());
        next.removeIf(s -> s.id().equals("103") || s.id().equals("102"));
        next.add(waiter(102, "app", "UPDATE orders SET state = 'sent' WHERE id = 7", 9, ROW_LOCK, 101));
        next.add(waiter(104, "app", "UPDATE orders SET total = 0 WHERE id = 7", 1, ROW_LOCK, 100));
        refreshWith(next);

        assertThat(fx(() -> ids(item("100").orElseThrow()))).containsExactly("101", "104");
        assertThat(fx(() -> tree().getSelectionModel().getSelectedItem().getValue().node().id())).isEqualTo("102");
        assertThat(fx(() -> tree().getSelectionModel().getSelectedItem().getParent().getValue().node().id())).isEqualTo("101");
        assertThat(fx(() -> item("200").orElseThrow().isExpanded())).as("the user collapsed it").isFalse();
        assertThat(fx(() -> item("100").orElseThrow().isExpanded())).isTrue();
        assertThat(cellText("blocking-waiting-cell", "102")).contains("9.000");
        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("2 root blockers hold up 4 sessions");

        refreshWith(List.of(holder(100, "batch"), FakeSessionSource.session(SOURCE, 300, "report", "shop", false, null, 1)));

        assertThat(fx(() -> tree().getRoot().getChildren())).isEmpty();
        assertThat(lookup("#blocking-empty").queryAs(Label.class).getText()).isEqualTo("Nobody waits: no session is blocked by another.");
        assertThat(lookup("#blocking-empty").query().isVisible()).isTrue();
        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("Nobody waits");
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view-empty.png"));
    }

    @Test
    void enterOnALineSelectsItsSessionInTheTableAndCtrlBGoesBack() throws Exception {
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        ctrlB();
        selectLine("100", "101", "102");

        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<SessionRow> table = table();
        assertThat(fx(() -> table.getSelectionModel().getSelectedItems())).containsExactly(row(102));
        assertThat(fx(table::isFocused)).isTrue();

        // the root blocker is idle in its transaction: View Active Sessions Only hides it
        clickOn("#active-only-toggle");
        ctrlB();
        assertThat(paneShown()).as("Ctrl+B hides the shown view").isFalse();
        assertThat(fx(() -> table.getSelectionModel().getSelectedItems())).as("the table keeps its selection")
                .containsExactly(row(102));
        ctrlB();
        selectLine("100");
        push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#blocking-notice").queryAs(Label.class).getText()).contains("Session 100 is hidden by the table's filters");
        assertThat(fx(() -> table.getSelectionModel().getSelectedItems())).doesNotContain(row(100));

        push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(table::isFocused)).as("Escape goes back to the table").isTrue();
        ctrlB();
        assertThat(paneShown()).isFalse();
        assertThat(fx(table::isFocused)).isTrue();
    }

    @Test
    void closeRootBlockerConfirmsExactlyTheRootAndReachesTheSource() throws Exception {
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        ctrlB();
        selectLine("100", "101", "102");
        assertThat(lookup("#blocking-close-query").query().isDisabled()).as("the root runs no statement").isTrue();

        clickOn("#blocking-close-session");

        TableView<Session> targets = lookup("#action-targets").query();
        assertThat(targets.getItems()).extracting(Session::id).containsExactly("100");
        assertThat(targets.getItems().get(0).key().identity()).isEqualTo("batch@h");
        Screenshots.write(targets.getScene(), Path.of("target", "screenshots", "blocking-close-confirmation.png"));
        clickOn("#action-ok");

        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("#100");
        assertThat(source.killed).singleElement().satisfies(k -> {
            assertThat(k.id()).isEqualTo("100");
            assertThat(k.identity()).isEqualTo("batch@h");
        });
    }

    @Test
    void cancellingTheConfirmationClosesNothing() throws Exception {
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        ctrlB();
        selectLine("200", "201");

        push(KeyCode.DELETE);
        TableView<Session> targets = lookup("#action-targets").query();
        assertThat(targets.getItems()).extracting(Session::id).containsExactly("200");
        clickOn("#action-cancel");

        WaitForAsyncUtils.waitForFxEvents();
        assertThat(source.killed).isEmpty();
    }

    @Test
    void aDataSourceThatCannotTellIsListedWithItsReasonInTheMergedView() throws Exception {
        FakeSessionSource blind = new FakeSessionSource("ledger");
        blind.blockingUnknown = Text.of("dev.sessiondeck.app.testsource.messages", "blocking.unknown");
        blind.list(List.of(FakeSessionSource.session("ledger", 5, "clerk", "books", true, "UPDATE ledger SET x = 1", 3)));
        fx(() -> {
            vm.addDataSource(blind);
            return null;
        });
        showSource(twoTrees());
        fx(() -> {
            vm.showAllProperty().set(true);
            return null;
        });
        awaitRefreshed();
        clickOn(rowNode(row(300)));
        ctrlB();

        Label line = lookup(".blocking-unknown-line").query();
        assertThat(line.getText()).isEqualTo("ledger: blocking unknown: the user lacks PROCESS, so the server shows no lock waits");
        assertThat(fx(() -> ids(tree().getRoot()))).containsExactly("100", "200");
        assertThat(lookup("#blocking-column-data-source").tryQuery().map(Node::isVisible)).contains(true);
        assertThat(cellText("blocking-data-source-cell", "100")).contains(SOURCE);
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view-merged.png"));

        fx(() -> {
            vm.currentProperty().set(blind);
            return null;
        });
        awaitRefreshed();
        assertThat(fx(() -> tree().getRoot().getChildren())).isEmpty();
        assertThat(lookup("#blocking-empty").queryAs(Label.class).getText()).contains("name those that cannot");
    }

    @Test
    void everyWordIsChinese() throws Exception {
        fx(() -> {
            view.dispose();
            Messages.use(Locale.SIMPLIFIED_CHINESE);
            view = new SessionsView(vm);
            Scene scene = new Scene(view, 1280, 760);
            scene.getStylesheets().add(Themes.stylesheet());
            stage.setScene(scene);
            return null;
        });
        showSource(twoTrees());
        clickOn(rowNode(row(300)));
        ctrlB();

        assertThat(lookup("#blocking-summary").queryAs(Label.class).getText()).isEqualTo("2 个根阻塞会话阻塞了 4 个会话");
        assertThat(lookup("#blocking-close-session").queryAs(javafx.scene.control.Button.class).getText()).isEqualTo("关闭根阻塞会话");
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "blocking-view-zh.png"));
    }
}
