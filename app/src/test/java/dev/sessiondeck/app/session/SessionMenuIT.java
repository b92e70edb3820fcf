package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSource;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * The row's context menu on a plain MariaDB: the details of a session, and no full link tracking (a
 * data source offers only the actions it declares; MariaDB declares none beyond the two closes).
 */
class SessionMenuIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void fullLinkTrackingIsNotOfferedOnMariaDbAndTheReasonIsItsDataSource() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        show(DB.adminSpec());
        SessionRow row = awaitActiveRow(v.threadId());
        openRowMenu(row);

        Menu more = fx(() -> (Menu) table().getContextMenu().getItems().stream()
                .filter(i -> "menu-more".equals(i.getId())).findFirst().orElseThrow());
        // MariaDB's only other action, Session Variables, is greyed: it has no variables_by_thread
        assertThat(more.getItems()).extracting(MenuItem::getId).containsExactly("menu-action-sessionVariables");
        assertThat(more.getItems()).noneMatch(i -> "menu-action-trace".equals(i.getId()));
        assertThat(lookup("#menu-action-trace-label").tryQuery()).isEmpty();
        assertThat(fx(() -> vm.whyNot(OceanBaseSessionSource.TRACE, List.of(row)))).hasValueSatisfying(why ->
                assertThat(why).startsWith("MariaDB").endsWith("cannot do this"));
        type(KeyCode.ESCAPE);
        assertThat(lookup("#action-dialog").tryQuery()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailsListEveryFieldOfTheSessionWithItsFullSql() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60) /* details */");
        show(DB.adminSpec());
        openRowMenu(awaitActiveRow(v.threadId()));
        clickOn("Details\u2026");

        TableView<SessionDetailsDialog.Field> fields = lookup("#details-table").queryAs(TableView.class);
        assertThat(fields.getItems()).contains(
                new SessionDetailsDialog.Field("Session ID", String.valueOf(v.threadId())),
                new SessionDetailsDialog.Field("SQL", "SELECT SLEEP(60) /* details */"),
                new SessionDetailsDialog.Field("User", EmbeddedMariaDb.PLAIN),
                new SessionDetailsDialog.Field("Status", "ACTIVE"),
                new SessionDetailsDialog.Field("Data Source", DB.adminSpec().name()));
        assertThat(fields.getItems()).extracting(SessionDetailsDialog.Field::name).contains("Query ID", "Identity");
        clickOn("#details-close");
        assertThat(lookup("#details-dialog").tryQuery()).isEmpty();
    }
}
