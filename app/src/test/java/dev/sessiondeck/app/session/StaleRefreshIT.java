package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/** A refresh after the server stopped: the rows stay, marked stale, with the reason and a retry. Has a server of its own, since it stops it. */
class StaleRefreshIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void refreshAfterTheServerStoppedKeepsTheRowsMarkedStaleWithTheError() throws Exception {
        Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        show(DB.adminSpec());
        awaitActiveRow(v.threadId());
        int before = shownCount();
        // a row's tooltip: our own monitoring session's says so, the others have none
        assertThat(rowTips(true)).isNotEmpty().containsOnly("SessionDeck's own monitoring session");
        assertThat(rowTips(false)).isNotEmpty().containsOnly("");

        DB.stop();
        v.close();
        clickOn("#refresh-button");

        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> vm.staleProperty().get()));
        assertThat(shownCount()).isEqualTo(before);
        assertThat(shownRow(v.threadId())).isPresent();
        assertThat(lookup("#status-error").queryLabeled().isVisible()).isTrue();
        assertThat(lookup("#status-error").queryLabeled().getText()).startsWith("Stale:");
        assertThat(lookup("#retry-button").queryButton().isVisible()).isTrue();
        assertThat(table().getPseudoClassStates()).contains(SessionsView.STALE);
        // every row says why it is stale when hovered
        assertThat(rowTips(false)).isNotEmpty().allSatisfy(tip -> assertThat(tip).startsWith("Stale:"));

        clickOn("#retry-button");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !vm.refreshingProperty().get()));
        assertThat(shownCount()).as("a failed retry keeps the rows too").isEqualTo(before);
        assertThat(fx(() -> vm.staleProperty().get())).isTrue();
    }

    /** The tooltip texts ("" for none) of the table's rows on screen that show our own session, or the others. */
    private List<String> rowTips(boolean own) throws Exception {
        return fx(() -> lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof SessionRow row && row.isOwn() == own)
                .map(r -> {
                    Tooltip tip = r.getTooltip();
                    return tip == null ? "" : tip.getText();
                }).toList());
    }
}
