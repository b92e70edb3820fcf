package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.SqlDialect;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The SQL dialog of a MySQL data source (a fake lists the statements): a one-line statement is
 * shown laid out and highlighted, Original shows it exactly, Copy copies it exactly; statements of
 * 16 KiB (laid out and highlighted) and 1 MB (shown as they are) open while the window keeps
 * answering, as {@link FxThreadWatch} sees it.
 */
class SqlDialogIT extends WindowTestSupport {

    /** How long the JavaFX thread may be held by opening the dialog: the bound {@link HugeSqlIT} uses. */
    private static final Duration LONGEST_PULSE_GAP = Duration.ofMillis(500);
    private static final String SQL = "select o.id, 'it''s -- not a comment' as note, o.amount from orders o "
            + "/* the nightly report */ join customers c on c.id=o.customer_id where o.amount > 10.5 "
            + "and c.name like 'x%' order by o.id limit 5";

    private FakeSessionSource source;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    /** A MySQL data source listing session 7 running {@code sql7}, 8 running {@code sql8} and 9 {@code SELECT 1}. */
    private void list(String sql7, String sql8) throws Exception {
        source = new FakeSessionSource("shop");
        source.sqlDialect = SqlDialect.MYSQL;
        source.list(List.of(session("shop", 7, "app", "shop", true, sql7, 12),
                session("shop", 8, "app", "shop", true, sql8, 1), session("shop", 9, "app", "shop", true, "SELECT 1", 1)));
        fx(() -> {
            vm.addDataSource(source);
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(7).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private CodeArea area() {
        return lookup("#sql-text").queryAs(CodeArea.class);
    }

    /** The texts of the shown nodes that carry {@code styleClass} in the dialog's text. */
    private Set<String> shownWithStyle(String styleClass) throws Exception {
        return fx(() -> from(area()).lookup("." + styleClass).queryAllAs(Text.class).stream()
                .map(t -> t.getText().trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    @Test
    void aStatementIsShownLaidOutAndHighlightedAndTheOriginalIsOneClickAwayAndWhatCopyCopies() throws Exception {
        list(SQL, "SELECT 2");
        openSqlDialog(7);

        String formatted = fx(() -> area().getText());
        assertThat(formatted).contains("\nfrom\n", "\nwhere\n", "'it''s -- not a comment'", "/* the nightly report */");
        assertThat(formatted.replaceAll("\\s+", "")).isEqualTo(SQL.replaceAll("\\s+", ""));
        assertThat(fx(() -> area().isEditable())).isFalse();
        int select = formatted.indexOf("select");
        assertThat(fx(() -> area().getStyleOfChar(select + 1))).containsExactly(SqlLayout.KEYWORD);
        assertThat(fx(() -> area().getStyleOfChar(formatted.indexOf("'it''s") + 1))).containsExactly(SqlLayout.STRING);
        assertThat(fx(() -> area().getStyleOfChar(formatted.indexOf("nightly")))).containsExactly(SqlLayout.COMMENT);
        assertThat(fx(() -> area().getStyleOfChar(formatted.indexOf("orders")))).isEmpty();
        // and the shown text nodes carry the classes the stylesheet colours
        assertThat(shownWithStyle(SqlLayout.KEYWORD)).contains("select", "from", "where", "join");
        assertThat(shownWithStyle(SqlLayout.STRING)).contains("'it''s -- not a comment'", "'x%'");
        assertThat(shownWithStyle(SqlLayout.COMMENT)).contains("/* the nightly report */");
        assertThat(shownWithStyle(SqlLayout.NUMBER)).contains("10.5", "5");
        assertThat(lookup("#sql-format-note").query().isVisible()).isFalse();

        clickOn("#sql-original-toggle");
        assertThat(fx(() -> area().getText())).isEqualTo(SQL);
        assertThat(fx(() -> area().getStyleOfChar(1))).containsExactly(SqlLayout.KEYWORD);
        clickOn("#sql-formatted-toggle");
        assertThat(fx(() -> area().getText())).isEqualTo(formatted);
        // pressing the shown view's button again keeps it shown
        clickOn("#sql-formatted-toggle");
        assertThat(fx(() -> area().getText())).isEqualTo(formatted);

        assertThat(lookup("#copy-sql-button").queryButton().getTooltip().getText()).contains("original");
        clickOn("#copy-sql-button");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(SQL);
        clickOn("#sql-close-button");
    }

    @Test
    void statementsOfSixteenKibibytesAndOneMegabyteOpenWithoutFreezingTheWindow() throws Exception {
        // just under the limit: laid out and highlighted, a few hundred lines
        StringBuilder b = new StringBuilder("SELECT 1");
        for (int i = 0; b.length() < SqlLayout.FORMAT_LIMIT - 120; i++) {
            b.append(" UNION ALL SELECT o.id, 'order ").append(i).append("' AS label /* part ").append(i)
                    .append(" */ FROM orders o WHERE o.amount > ").append(i);
        }
        String large = b.toString();
        // one line of 1 MB: too long to lay out, shown cut
        StringBuilder m = new StringBuilder("SELECT ");
        for (int i = 0; m.length() < 1024 * 1024; i++) {
            m.append("'value ").append(i).append("', ").append(i).append(" /* c */, ");
        }
        String huge = m.append("1 FROM dual").toString();
        list(huge, large);
        // once for a short statement, so that what follows is the long ones' own cost (as HugeSqlIT)
        openSqlDialogWatched(9, "SqlDialogIT, SQL dialog of a short statement");
        clickOn("#sql-close-button");

        FxThreadWatch opening = openSqlDialogWatched(8, "SqlDialogIT, SQL dialog of " + large.length() + " characters laid out");
        assertThat(opening.longestGap()).as("opening the dialog; meanwhile:%s", opening.duringLongestGap())
                .isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        String shown = fx(() -> area().getText());
        assertThat(shown.lines().count()).isGreaterThan(100);
        assertThat(lookup("#sql-format-note").query().isVisible()).isFalse();
        assertThat(fx(() -> area().getStyleOfChar(shown.lastIndexOf("SELECT") + 1))).containsExactly(SqlLayout.KEYWORD);
        clickOn("#sql-close-button");

        opening = openSqlDialogWatched(7, "SqlDialogIT, SQL dialog of 1 MB on one line");
        assertThat(opening.longestGap()).as("opening the dialog; meanwhile:%s", opening.duringLongestGap())
                .isLessThanOrEqualTo(LONGEST_PULSE_GAP);
        assertThat(opening.blockingFrame()).isEmpty();
        assertThat(fx(() -> area().getText())).isEqualTo(SqlText.cut(huge, SqlText.SHOWN_LENGTH));
        assertThat(lookup("#sql-format-note").queryLabeled().getText())
                .contains(String.format(Locale.ENGLISH, "%,d", SqlLayout.FORMAT_LIMIT));
        assertThat(lookup("#sql-cut-note").query().isVisible()).isTrue();
        assertThat(lookup("#sql-original-toggle").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(lookup("#sql-formatted-toggle").query().isDisabled()).isTrue();
        clickOn("#copy-sql-button");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(huge);
        clickOn("#sql-close-button");
    }

    @Test
    void aSourceWhoseTextIsNotSqlShowsItAsItIsAndSaysSo() throws Exception {
        list("Call: Form.Doc.Order : Module.Write", "SELECT 2");
        source.sqlDialect = null;
        openSqlDialog(7);
        assertThat(fx(() -> area().getText())).isEqualTo("Call: Form.Doc.Order : Module.Write");
        assertThat(fx(() -> area().getStyleOfChar(1))).isEmpty();
        assertThat(lookup("#sql-format-note").queryLabeled().getText()).contains("not SQL");
        assertThat(lookup("#sql-formatted-toggle").query().isDisabled()).isTrue();
        clickOn("#sql-close-button");
    }
}
