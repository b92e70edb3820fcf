package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/** The row's context menu on a plain MariaDB: the details of a session, and tracing refused with the reason. */
class SessionMenuIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void fullLinkTrackingIsDisabledOnMariaDbAndItsTooltipSaysWhy() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        show(DB.adminSpec());
        openRowMenu(awaitActiveRow(v.threadId()));
        clickOn("More");

        Label trace = lookup("#menu-trace-label").queryAs(Label.class);
        assertThat(trace.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("blocked"));
        assertThat(trace.getTooltip().getText()).startsWith("MariaDB").endsWith(
                "has no end-to-end tracing: it is an OceanBase feature (4.2.1 and later)");
        clickOn(trace);
        assertThat(lookup("#trace-dialog").tryQuery()).isEmpty();
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
                new SessionDetailsDialog.Field("Data source", DB.adminSpec().name()));
        assertThat(fields.getItems()).extracting(SessionDetailsDialog.Field::name).contains("Query ID", "Identity");
        clickOn("#details-close");
        assertThat(lookup("#details-dialog").tryQuery()).isEmpty();
    }
}
