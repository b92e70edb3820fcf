package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.SqlDialect;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A session whose SQL is 10 MB (a fake data source lists it): the table shows it cut to a one-line
 * preview and the window keeps pulsing; the SQL dialog opens on it without freezing the window,
 * showing its start as it is (not laid out: too long) with notes, and Copy gives all of it; the
 * details dialog opens too.
 */
class HugeSqlIT extends WindowTestSupport {

    static final int SIZE = 10 * 1024 * 1024;
    /** How long the JavaFX thread may be held by showing the table or opening a dialog on the statement. */
    private static final Duration LONGEST_PULSE_GAP = Duration.ofMillis(500);

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** 10 MB of SQL with quotes, commas, line breaks and non-ASCII text, the same each run. */
    static String hugeSql() {
        String pieces = "abcdefghij KLMNOP 0123456789 ,;'\"\\\n\t会话é💥()";
        Random random = new Random(10);
        StringBuilder b = new StringBuilder(SIZE + 64).append("SELECT /* ");
        while (b.length() < SIZE - 12) {
            b.append(pieces, 0, 1 + random.nextInt(pieces.length() - 2));
        }
        return b.append(" */ 1 FROM t").toString();
    }

    private TableCell<?, ?> sqlCellOf(long id) {
        return lookup(".sql-cell").match((Node n) -> n instanceof TableCell<?, ?> c && c.getTableRow() != null
                && c.getTableRow().getItem() instanceof SessionRow r && r.getSession().id().equals(Long.toString(id)))
                .query();
    }

    @Test
    void aTenMegabyteStatementIsShownCutAndItsDialogsOpenWithoutFreezingTheWindow() throws Exception {
        String sql = hugeSql();
        FakeSessionSource source = new FakeSessionSource("huge");
        source.sqlDialect = SqlDialect.MYSQL;
        source.list(List.of(session("huge", 8, "app", "shop", true, "SELECT 1", 1)));
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(8).isPresent());
        WaitForAsyncUtils.waitForFxEvents();

        // the table is built: what follows is the statement's own cost
        try (FxThreadWatch watch = FxThreadWatch.start(Duration.ZERO)) {
            source.list(List.of(session("huge", 7, "app", "shop", true, sql, 12),
                    session("huge", 8, "app", "shop", true, "SELECT 1", 1)));
            fx(() -> {
                vm.refresh();
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(7).isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            String preview = fx(() -> sqlCellOf(7).getText());
            assertThat(preview).hasSizeLessThanOrEqualTo(SqlText.PREVIEW_LENGTH + 1).endsWith("\u2026");
            assertThat(sql.replaceAll("\\s+", " ")).startsWith(preview.substring(0, preview.length() - 1));
            System.out.println("HugeSqlIT, table with 10 MB: " + watch.summary());
            assertThat(watch.longestGap()).as("showing the row; meanwhile:%s", watch.duringLongestGap())
                    .isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        }

        // once for a short statement, so that what follows is the long one's own cost
        openSqlDialogWatched(8, "HugeSqlIT, SQL dialog of a short statement");
        clickOn("#sql-close-button");

        FxThreadWatch opening = openSqlDialogWatched(7, "HugeSqlIT, SQL dialog of 10 MB");
        assertThat(opening.longestGap()).as("opening the SQL dialog; meanwhile:%s", opening.duringLongestGap())
                .isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        // the dialog shows the start, says so, and Copy gives the whole statement
        String shown = fx(() -> lookup("#sql-text").queryAs(CodeArea.class).getText());
        assertThat(shown).hasSizeLessThan(sql.length()).isEqualTo(SqlText.cut(sql, SqlText.SHOWN_LENGTH));
        assertThat(lookup("#sql-format-note").queryLabeled().getText())
                .contains(String.format(Locale.ENGLISH, "%,d", SqlLayout.FORMAT_LIMIT));
        assertThat(lookup("#sql-cut-note").queryLabeled().isVisible()).isTrue();
        assertThat(lookup("#sql-cut-note").queryLabeled().getText())
                .contains(String.format(Locale.ENGLISH, "%,d", SqlText.SHOWN_LENGTH),
                        String.format(Locale.ENGLISH, "%,d", sql.length()));
        clickOn("#copy-sql-button");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(sql);
        clickOn("#sql-close-button");

        try (FxThreadWatch watch = FxThreadWatch.start(Duration.ZERO)) {
            openRowMenu(shownRow(7).orElseThrow());
            clickOn("#menu-details");
            await().atMost(Duration.ofSeconds(30)).until(() -> lookup("#details-dialog").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            System.out.println("HugeSqlIT, details dialog of 10 MB: " + watch.summary());
            assertThat(watch.longestGap()).as("opening the details dialog; meanwhile:%s", watch.duringLongestGap())
                    .isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        }
        TableView<SessionDetailsDialog.Field> fields = lookup("#details-table").queryAs(TableView.class);
        assertThat(fx(() -> fields.getItems())).contains(new SessionDetailsDialog.Field("SQL", sql));
        clickOn("#details-close");
    }
}
