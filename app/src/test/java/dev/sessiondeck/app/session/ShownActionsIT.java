package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Acting on what the table shows, against a real MariaDB: export and copy give exactly the shown
 * rows (after the filters, in the sort) and the visible columns in their order; Close all shown
 * sessions asks first, listing them with their count, and closes exactly those.
 */
class ShownActionsIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** Two sleeping sessions of the plain user, one of the administrator; the plain ones shown, id descending. */
    private List<Victim> showPlainSessionsSortedByIdDescending() throws Exception {
        Victim a = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        Victim b = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(61)");
        Victim admin = victim(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(62)");
        show(DB.adminSpec());
        awaitActiveRow(a.threadId());
        awaitActiveRow(b.threadId());
        awaitActiveRow(admin.threadId());
        clickOn("#search-user");
        clickOn("#search-user-field").write(EmbeddedMariaDb.PLAIN);
        type(KeyCode.ENTER);
        fx(() -> {
            TableColumn<SessionRow, ?> id = column("id");
            id.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(List.of(id));
            // the user column moved first, the database column hidden
            TableColumn<SessionRow, ?> user = column("user");
            table().getColumns().remove(user);
            table().getColumns().add(0, user);
            column("database").setVisible(false);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return List.of(a, b, admin);
    }

    /** Opens the row menu's "All shown sessions" submenu, where the actions on every shown row are. */
    private void openShownMenu() throws Exception {
        openRowMenu(fx(() -> table().getItems().get(0)));
        clickOn("#menu-shown");
        // into the submenu sideways (its first item is level with it): a diagonal path would cross
        // the items below, and one of them (More) opens a submenu of its own
        moveTo("#close-all-shown-sessions");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableColumn<SessionRow, ?> column(String id) {
        return table().getColumns().stream().filter(c -> ("column-" + id).equals(c.getId())).findFirst().orElseThrow();
    }

    private List<String> shownIds() throws Exception {
        return fx(() -> table().getItems().stream().map(r -> r.getSession().id()).toList());
    }

    private List<String> visibleColumnIds() throws Exception {
        return fx(() -> table().getVisibleLeafColumns().stream().map(c -> c.getId().substring("column-".length())).toList());
    }

    @Test
    void exportShownWritesExactlyTheFilteredSortedRowsAndTheVisibleColumnsInOrder() throws Exception {
        List<Victim> v = showPlainSessionsSortedByIdDescending();
        List<String> ids = shownIds();
        // sessions of earlier tests may still be ending: whatever is shown, in the table's order
        assertThat(ids).contains(Long.toString(v.get(0).threadId()), Long.toString(v.get(1).threadId()))
                .doesNotContain(Long.toString(v.get(2).threadId()))
                .isSortedAccordingTo(java.util.Comparator.comparingLong((String id) -> Long.parseLong(id)).reversed());
        Path file = temp.resolve("shown.csv");
        fx(() -> {
            view.setSaveFileChooser(w -> Optional.of(file));
            return null;
        });

        openShownMenu();
        clickOn("#export-shown");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
        MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(file, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = it.readAll();
        assertThat(rows).extracting(r -> r.get("id")).containsExactlyElementsOf(ids);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("user")).isEqualTo(EmbeddedMariaDb.PLAIN));
        String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        List<String> expected = fx(() -> table().getVisibleLeafColumns().stream()
                .map(c -> ((SessionColumn) c.getUserData()).attribute().exportKey()).distinct().toList());
        assertThat(List.of(header.split(","))).containsExactlyElementsOf(expected).startsWith("user")
                .doesNotContain("database");
    }

    @Test
    void copyShownPutsAHeaderAndTheShownRowsTabSeparatedOnTheClipboard() throws Exception {
        showPlainSessionsSortedByIdDescending();
        List<String> ids = shownIds();

        openShownMenu();
        clickOn("#copy-shown");

        String text = fx(() -> Clipboard.getSystemClipboard().getString());
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(1 + ids.size());
        List<String> header = List.of(lines.get(0).split("\t", -1));
        assertThat(header).hasSize(visibleColumnIds().size()).startsWith("User").doesNotContain("Database Name");
        int id = header.indexOf("Session ID");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split("\t", -1)[id]).containsExactlyElementsOf(ids);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith(EmbeddedMariaDb.PLAIN + "\t"));
    }

    @Test
    void closeAllShownSessionsConfirmsWithTheListAndCountThenClosesOnlyThose() throws Exception {
        List<Victim> v = showPlainSessionsSortedByIdDescending();

        openShownMenu();
        clickOn("#close-all-shown-sessions");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> targets = lookup("#action-targets").queryAs(TableView.class);
        int shown = shownIds().size();
        assertThat(targets.getItems()).hasSize(shown);
        assertThat(lookup("#action-dialog").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .contains(shown + " sessions");
        Screenshots.write(targets.getScene(), Path.of("target", "screenshots", "close-all-shown-confirmation.png"));
        clickOn("#action-ok");

        assertThat(v.get(0).awaitFailure().getSQLState()).isEqualTo("08S01");
        assertThat(v.get(1).awaitFailure().getSQLState()).isEqualTo("08S01");
        assertThat(v.get(2).isRunning()).as("the administrator's session was not shown").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-notification").tryQuery().isPresent());
        Screenshots.write(table().getScene(), Path.of("target", "screenshots", "close-all-shown-results.png"));
        List<String> results = awaitResults();
        assertThat(results).hasSize(shown).allSatisfy(l -> assertThat(l).contains(EmbeddedMariaDb.PLAIN));
    }
}
