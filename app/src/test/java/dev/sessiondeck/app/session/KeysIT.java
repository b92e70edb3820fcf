package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every action on a key ({@link Shortcut}), pressed as a person presses it in the session window
 * with a data source of our own: the key does what its menu item does and the table keeps the
 * focus; a text field keeps its own Delete. The kill confirmation's columns are as wide as their
 * text up to the limit, and the results come as a notification that leaves the window usable.
 */
class KeysIT extends WindowTestSupport {

    private static final String LONG_USER = "reporting_service_account_emea";
    private static final String LONG_HOST = "reporting-worker-17.eu-central.internal.example.com:51234";
    private static final String LONG_SQL = "SELECT customer_id, SUM(amount) AS total FROM orders o JOIN customers c "
            + "ON c.id = o.customer_id WHERE o.created_at > NOW() - INTERVAL 30 DAY GROUP BY customer_id ORDER BY total DESC";

    private FakeSessionSource source;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void showFake() throws Exception {
        source = new FakeSessionSource("keys");
        source.list(List.of(session("keys", 7, "app", "shop", true, "SELECT 7", 3),
                session("keys", 8, "report", "shop", false, null, 0),
                session("keys", 9, "app", "shop", true, "UPDATE t SET a = 9", 1),
                Session.builder(new SessionKey("keys", "", 11, LONG_USER + "@h", OptionalLong.of(110)))
                        .user(LONG_USER).source(LONG_HOST).database("shop").command("Query")
                        .state(SessionState.ACTIVE).sql(LONG_SQL).executionTime(Duration.ofSeconds(4)).build()));
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> shownCount() == 4);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects session {@code id} alone and gives the table the focus. */
    private void select(long id) throws Exception {
        SessionRow row = shownRow(id).orElseThrow();
        fx(() -> {
            table().getSelectionModel().clearAndSelect(table().getItems().indexOf(row));
            table().requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean tableHasFocus() throws Exception {
        return fx(() -> table().getScene().getFocusOwner() == table());
    }

    private String clipboard() throws Exception {
        return fx(() -> Clipboard.getSystemClipboard().getString());
    }

    @Test
    void f5RefreshesCtrlLShowsActiveSessionsOnlyAndCtrlASelectsEveryShownRow() throws Exception {
        showFake();
        AtomicInteger refreshes = new AtomicInteger();
        fx(() -> {
            vm.lastRefreshProperty().addListener((o, a, b) -> refreshes.incrementAndGet());
            return null;
        });
        select(7);

        push(KeyCode.F5);
        await().atMost(Duration.ofSeconds(10)).until(() -> refreshes.get() == 1);
        assertThat(tableHasFocus()).isTrue();

        push(KeyCode.CONTROL, KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> vm.activeOnlyProperty().get())).isTrue();
        assertThat(shownCount()).isEqualTo(3);
        assertThat(lookup("#active-only-toggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(tableHasFocus()).isTrue();
        push(KeyCode.CONTROL, KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownCount()).isEqualTo(4);

        push(KeyCode.CONTROL, KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> table().getSelectionModel().getSelectedItems().size())).isEqualTo(4);

        // Ctrl+F goes to the session-id search, Ctrl+Shift+F opens the User column's
        push(KeyCode.CONTROL, KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> table().getScene().getFocusOwner().getId())).isEqualTo("session-id-search");
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#search-user-field").tryQuery()).isPresent();
        type(KeyCode.ESCAPE);
    }

    @Test
    void enterShowsTheSqlAltEnterTheDetailsAndTheCopyKeysFillTheClipboard() throws Exception {
        showFake();
        select(7);
        push(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#sql-dialog").tryQuery().isPresent());
        clickOn("#sql-close-button");
        assertThat(tableHasFocus()).isTrue();

        push(KeyCode.ALT, KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#details-dialog").tryQuery().isPresent());
        TableView<SessionDetailsDialog.Field> details = lookup("#details-table").queryTableView();
        assertThat(details.getItems()).extracting(SessionDetailsDialog.Field::name)
                .doesNotHaveDuplicates().containsOnlyOnce("Data Source");
        // the names' column as wide as the longest name
        Font font = fx(() -> ((TableCell<?, ?>) details.lookup(".table-cell")).getFont());
        double longestName = fx(() -> details.getItems().stream()
                .mapToDouble(f -> FittedColumns.textWidth(f.name(), font)).max().orElseThrow());
        assertThat(fx(() -> details.getColumns().get(0).getWidth())).isGreaterThanOrEqualTo(longestName);
        clickOn("#details-close");
        assertThat(tableHasFocus()).isTrue();

        push(KeyCode.CONTROL, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard()).contains("7").contains("app").contains("SELECT 7").doesNotContain("UPDATE");

        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard()).isEqualTo("SELECT 7");
    }

    @Test
    void deleteAsksToCloseTheSelectedSessionShiftDeleteItsQueryAndATextFieldKeepsItsDelete() throws Exception {
        showFake();
        select(9);
        push(KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-dialog").tryQuery().isPresent());
        TableView<Session> targets = lookup("#action-targets").queryTableView();
        assertThat(targets.getItems()).extracting(Session::id).containsExactly("9");
        assertThat(((Stage) targets.getScene().getWindow()).getTitle()).isEqualTo("Close Session");
        clickOn("#action-cancel");
        assertThat(tableHasFocus()).as("the table has the focus back after the confirmation").isTrue();

        push(KeyCode.SHIFT, KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-dialog").tryQuery().isPresent());
        assertThat(((Stage) lookup("#action-targets").query().getScene().getWindow()).getTitle()).isEqualTo("Close Query");
        clickOn("#action-cancel");
        assertThat(source.killed).isEmpty();

        clickOn("#session-id-search").write("97");
        push(KeyCode.HOME);
        push(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#session-id-search").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("7");
        assertThat(lookup("#action-dialog").tryQuery()).isEmpty();
    }

    @Test
    void theConfirmationsColumnsAreAsWideAsTheirLongestCellUpToTheLimit() throws Exception {
        showFake();
        select(11);
        fx(() -> {
            table().getSelectionModel().select(table().getItems().indexOf(shownRow(7).orElseThrow()));
            return null;
        });
        push(KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-targets").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<Session> targets = lookup("#action-targets").queryTableView();
        Font font = fx(() -> ((TableCell<?, ?>) targets.lookup(".table-cell")).getFont());
        Font headerFont = fx(() -> ((javafx.scene.control.Label) targets.lookup(".column-header .label")).getFont());
        for (TableColumn<Session, ?> col : targets.getColumns()) {
            String longest = fx(() -> {
                String widest = "";
                for (int i = 0; i < targets.getItems().size(); i++) {
                    String t = String.valueOf(col.getCellData(i));
                    if (FittedColumns.textWidth(t, font) > FittedColumns.textWidth(widest, font)) {
                        widest = t;
                    }
                }
                return widest;
            });
            double needed = FittedColumns.textWidth(longest, font);
            if (needed < FittedColumns.LIMIT - 20) {
                assertThat(col.getWidth()).as("column %s for \"%s\"", col.getText(), longest).isGreaterThanOrEqualTo(needed);
            } else {
                assertThat(col.getWidth()).as("column %s at the limit", col.getText()).isEqualTo(FittedColumns.LIMIT);
                TableCell<?, ?> cut = lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                        && c.getTableView() == targets && longest.equals(c.getText())).query();
                assertThat(cut.getTooltip()).as("the whole text of a cut cell").isNotNull();
                assertThat(cut.getTooltip().getText()).isEqualTo(longest);
            }
            assertThat(col.getWidth()).as("the title of %s", col.getText())
                    .isGreaterThanOrEqualTo(FittedColumns.textWidth(col.getText(), headerFont) + 16);
        }
        assertThat(fx(() -> targets.getColumns().get(2).getWidth()))
                .as("the long host shows whole").isGreaterThanOrEqualTo(FittedColumns.textWidth(LONG_HOST, font));
        assertThat(fx(() -> targets.getWidth())).as("the dialog grew to its columns")
                .isGreaterThanOrEqualTo(fx(() -> targets.getColumns().stream().mapToDouble(TableColumn::getWidth).sum()));
        Screenshots.write(targets.getScene(), Path.of("target", "screenshots", "close-confirmation-fitted.png"));
        clickOn("#action-cancel");
    }

    @Test
    void theResultsOfACloseComeAsANotificationAndTheWindowStaysUsable() throws Exception {
        showFake();
        select(7);
        push(KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-ok").tryQuery().isPresent());
        clickOn("#action-ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-notification").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(WindowTestSupport::modalWindows)).isEmpty();
        assertThat(source.killed).extracting(SessionKey::id).containsExactly("7");
        atlantafx.base.controls.Notification notice = lookup("#action-notification").query();
        assertThat(notice.getMessage()).contains("Close Session").contains("1 of 1").contains("#7");
        Screenshots.write(table().getScene(), Path.of("target", "screenshots", "close-result-notification.png"));

        // the window goes on: keys act on another row while the notification stays
        assertThat(tableHasFocus()).isTrue();
        select(9);
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard()).isEqualTo("UPDATE t SET a = 9");
        assertThat(lookup("#action-notification").tryQuery()).isPresent();

        assertThat(awaitResults()).singleElement().asString().contains("#7").contains("closed");
        assertThat(lookup("#action-notification").tryQuery()).isEmpty();
    }
}
