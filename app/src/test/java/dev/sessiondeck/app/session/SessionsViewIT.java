package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.Settings;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/** The session window against a real MariaDB: listing, searching, SQL details and kills. */
class SessionsViewIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private Victim plainVictim(String sql) throws SQLException {
        return victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, sql);
    }

    private long idleConnection() throws SQLException {
        Connection c = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD);
        opened.add(c);
        return EmbeddedMariaDb.threadId(c);
    }

    private List<Long> shownIds() throws Exception {
        return fx(() -> table().getItems().stream().map(r -> Long.parseLong(r.getSession().id())).toList());
    }

    @Test
    void tableListsTheVictimWithItsSql() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());

        assertThat(row.valueProperty(SessionColumn.SQL).get()).isEqualTo("SELECT SLEEP(60)");
        assertThat(row.valueProperty(SessionColumn.USER).get()).isEqualTo(EmbeddedMariaDb.PLAIN);
        assertThat(row.valueProperty(SessionColumn.STATUS).get()).isEqualTo("ACTIVE");
        assertThat(lookup(".sql-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && "SELECT SLEEP(60)".equals(c.getText())).tryQuery()).isPresent();
        assertThat(lookup("#status-counts").queryLabeled().getText()).contains("active");
    }

    @Test
    void userColumnSearchShowsOnlyMatchingUsersAndItsChipClearsIt() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        awaitActiveRow(v.threadId());
        int all = shownCount();

        clickOn("#search-user");
        clickOn("#search-user-field").write("PLAIN");
        type(KeyCode.ENTER);

        assertThat(fx(() -> table().getItems().stream().allMatch(r -> EmbeddedMariaDb.PLAIN.equals(
                r.getSession().user().orElse(""))))).isTrue();
        assertThat(shownIds()).contains(v.threadId());
        assertThat(shownCount()).isLessThan(all);
        clickOn("#chip-user");
        assertThat(shownCount()).isEqualTo(all);
        assertThat(lookup("#chip-user").tryQuery()).isEmpty();
    }

    @Test
    void sourceColumnSearchMatchesTheClientPortLiterally() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        String source = (String) awaitActiveRow(v.threadId()).valueProperty(SessionColumn.SOURCE).get();
        String port = source.substring(source.lastIndexOf(':'));

        clickOn("#search-source");
        clickOn("#search-source-field").write(port);
        type(KeyCode.ENTER);
        assertThat(shownIds()).containsExactly(v.threadId());

        clickOn("#search-source");
        clickOn("#search-source-clear");
        clickOn("#search-source");
        clickOn("#search-source-field").write("%");
        type(KeyCode.ENTER);
        assertThat(shownIds()).as("a SQL wildcard means itself").isEmpty();
    }

    @Test
    void databaseColumnSearchHidesSessionsOfOtherDatabases() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        awaitActiveRow(v.threadId());
        long own = fx(() -> Long.parseLong(table().getItems().stream().filter(SessionRow::isOwn).findFirst().orElseThrow()
                .getSession().id()));

        clickOn("#search-database");
        clickOn("#search-database-field").write("DECK");
        type(KeyCode.ENTER);

        assertThat(shownIds()).contains(v.threadId()).doesNotContain(own);
        assertThat(lookup("#chip-database").queryButton().getText()).contains("DECK");
    }

    @Test
    void sessionIdSearchShowsOnlyThatSessionAndKeepsItSelected() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        Victim other = plainVictim("SELECT SLEEP(61)");
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());
        awaitActiveRow(other.threadId());
        clickOn(rowNode(row));

        clickOn("#session-id-search").write(String.valueOf(v.threadId()));

        assertThat(shownIds()).containsExactly(v.threadId());
        assertThat(fx(() -> table().getSelectionModel().getSelectedItem())).isSameAs(row);
        clickOn("#session-id-search").write("x");
        assertThat(shownIds()).isEmpty();
    }

    @Test
    void activeOnlyToggleHidesIdleSessions() throws Exception {
        long idle = idleConnection();
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        awaitActiveRow(v.threadId());
        assertThat(shownIds()).contains(idle, v.threadId());

        clickOn("#active-only-toggle");

        assertThat(shownIds()).contains(v.threadId()).doesNotContain(idle);
        assertThat(fx(() -> table().getItems().stream().allMatch(SessionRow::isActive))).isTrue();
        clickOn("#active-only-toggle");
        assertThat(shownIds()).contains(idle);
    }

    @Test
    void sqlDialogShowsTheFullTextAndCopyPutsTheExactTextOnTheClipboard() throws Exception {
        String sql = "SELECT '会话' AS label, SLEEP(60) AS waited, 'a long statement, read in the dialog' AS note "
                + "FROM DUAL WHERE 1 = 1 AND '会话' LIKE '会%' LIMIT 1";
        Victim v = plainVictim(sql);
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());

        clickOn(lookup(".sql-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && c.getTableRow() != null && c.getTableRow().getItem() == row).<Node>query());

        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !lookup("#sql-progress").query().isVisible()));
        CodeArea text = lookup("#sql-text").query();
        assertThat(text.isEditable()).isFalse();
        String shown = fx(text::getText);
        assertThat(shown.replaceAll("\\s+", "")).isEqualTo(sql.replaceAll("\\s+", ""));
        assertThat(shown).contains("\nWHERE").contains("会话");
        clickOn("#copy-sql-button");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(sql);
        clickOn("#sql-close-button");
    }

    @Test
    void closeQueryCancelsTheVictimsStatementAndItsConnectionLives() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        clickOn(rowNode(awaitActiveRow(v.threadId())));

        clickOn("#close-query-button");
        TableView<Session> targets = lookup("#action-targets").queryTableView();
        assertThat(targets.getItems()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(Long.toString(v.threadId()));
            assertThat(s.sql()).contains("SELECT SLEEP(60)");
        });
        clickOn("#action-ok");

        assertThat(v.awaitFailure().getSQLState()).isEqualTo("70100");
        assertThat(v.selectOne()).isEqualTo(1);
        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("#" + v.threadId()).contains("closed");
    }

    @Test
    void closeSessionClosesTheVictimsConnection() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        clickOn(rowNode(awaitActiveRow(v.threadId())));
        assertThat(fx(() -> stage.isFocused() && table().isFocused())).as("the clicked table has the keyboard").isTrue();

        type(KeyCode.DELETE);
        // the key goes through the scene's handler; the confirmation opens on a later pulse
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-ok").tryQuery().isPresent());
        clickOn("#action-ok");

        assertThat(v.awaitFailure().getSQLState()).isEqualTo("08S01");
        awaitResults();
        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(v.threadId()).isEmpty());
    }

    @Test
    void cancelInTheConfirmationKillsNothing() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());
        clickOn(rowNode(row));

        clickOn("#close-session-button");
        clickOn("#action-cancel");

        fx(() -> {
            vm.refresh();
            return null;
        });
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !vm.refreshingProperty().get());
        assertThat(v.isRunning()).isTrue();
        assertThat(shownRow(v.threadId())).hasValueSatisfying(r -> assertThat(r.isActive()).isTrue());
        assertThat(lookup("#action-notification").tryQuery()).isEmpty();
    }

    @Test
    void ourOwnSessionCannotBeClosedAndTheToolbarSaysWhy() throws Exception {
        show(DB.adminSpec());
        SessionRow own = await().atMost(Duration.ofSeconds(10)).until(
                () -> fx(() -> table().getItems().stream().filter(SessionRow::isOwn).findFirst()),
                java.util.Optional::isPresent).orElseThrow();
        clickOn(rowNode(own));

        Button close = lookup("#close-session-button").queryButton();
        assertThat(close.isDisabled()).isTrue();
        assertThat(lookup("#close-query-button").queryButton().isDisabled()).isTrue();
        assertThat(fx(() -> tooltipOf("#close-session-holder"))).contains("own monitoring session cannot be closed");
        type(KeyCode.DELETE);
        assertThat(lookup("#action-dialog").tryQuery()).isEmpty();
    }

    @Test
    void autoRefreshKeepsTheSelectionWhileSessionsComeAndGo() throws Exception {
        Victim v = plainVictim("SELECT SLEEP(60)");
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());
        clickOn(rowNode(row));
        Object before = fx(() -> vm.lastRefreshProperty().get());

        clickOn("#auto-refresh-selector");
        clickOn("Every 1 s");
        long newcomer = idleConnection();

        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(newcomer).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> !before.equals(fx(() -> vm.lastRefreshProperty().get())));
        assertThat(fx(() -> table().getSelectionModel().getSelectedItems())).containsExactly(row);
        assertThat(fx(() -> table().getFocusModel().getFocusedItem())).isSameAs(row);
        assertThat(((Duration) row.valueProperty(SessionColumn.EXECUTION_TIME).get()).toMillis()).isGreaterThan(500);
    }

    @Test
    @SuppressWarnings("unchecked")
    void columnLayoutAndSortAreRememberedForTheNextWindow() throws Exception {
        clickOn("#column-chooser");
        clickOn("#columns-command");
        type(KeyCode.ESCAPE);
        Settings saved = fx(() -> {
            TableColumn<SessionRow, ?> user = table().getColumns().stream()
                    .filter(c -> c.getUserData() == SessionColumn.USER).findFirst().orElseThrow();
            table().getColumns().remove(user);
            table().getColumns().add(0, user);
            user.setPrefWidth(222);
            table().getSortOrder().setAll(List.of(user));
            Settings s = new Settings();
            view.captureSettings(s);
            return s;
        });

        SessionsView next = fx(() -> {
            SessionsView v = new SessionsView(vm);
            v.applySettings(saved);
            return v;
        });
        // never shown and without a data source: its table has not joined the scene graph
        TableView<SessionRow> nextTable = fx(next::table);
        assertThat(nextTable.getColumns().get(0).getUserData()).isEqualTo(SessionColumn.USER);
        assertThat(nextTable.getColumns().get(0).getPrefWidth()).isEqualTo(222);
        assertThat(nextTable.getSortOrder()).extracting(TableColumn::getUserData).containsExactly(SessionColumn.USER);
        assertThat(nextTable.getColumns().stream().filter(c -> c.getUserData() == SessionColumn.COMMAND)
                .findFirst().orElseThrow().isVisible()).isFalse();
    }
}
