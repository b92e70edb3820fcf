package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.OceanBaseEmulation;
import dev.sessiondeck.core.testing.OceanBaseEmulation.TraceCall;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The session window on an OceanBase 4.2.1 tenant emulated in a real MariaDB ({@link OceanBaseEmulation}):
 * the OCP columns, one session id on two OBServers kept together, and the full link tracking dialog
 * whose calls the emulated {@code DBMS_MONITOR} records. Writes pictures to {@code target/screenshots/}.
 */
class OceanBaseWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--version=5.7.25-OceanBase_CE-v4.2.1.0");

    /** Recorded in fixtures/oceanbase/4.2: active on 10.0.0.2, idle on 10.0.0.3. */
    private static final long TWO_SERVERS = 3221487617L;
    /** Recorded: through OBProxy 10.0.0.9:2883 on OBServer 10.0.0.4. */
    private static final long THROUGH_PROXY = 3221487811L;

    @BeforeAll
    static void emulate() throws Exception {
        OceanBaseEmulation.install(DB);
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void showTenant() throws Exception {
        show(OceanBaseEmulation.spec(DB, "ob-tenant"));
        await().atMost(Duration.ofSeconds(10)).until(() -> shownRow(THROUGH_PROXY).isPresent());
    }

    private boolean visible(SessionColumn c) throws Exception {
        return fx(() -> column(c).isVisible());
    }

    private TableColumn<SessionRow, ?> column(SessionColumn c) {
        return table().getColumns().stream().filter(col -> col.getUserData() == c).findFirst().orElseThrow();
    }

    private List<SessionRow> shownRows() throws Exception {
        return fx(() -> List.copyOf(table().getItems()));
    }

    @Test
    void obServerObProxyAndSqlIdAreShownForTheRecordedRows() throws Exception {
        showTenant();

        assertThat(visible(SessionColumn.OB_SERVER)).isTrue();
        assertThat(visible(SessionColumn.OB_PROXY)).isTrue();
        assertThat(visible(SessionColumn.SQL_ID)).isTrue();
        SessionRow row = shownRow(THROUGH_PROXY).orElseThrow();
        assertThat(row.valueProperty(SessionColumn.OB_SERVER).get()).isEqualTo("10.0.0.4:2881");
        assertThat(row.valueProperty(SessionColumn.OB_PROXY).get()).isEqualTo("10.0.0.9:2883");
        assertThat(row.valueProperty(SessionColumn.SQL_ID).get()).isEqualTo("9F8E7D6C5B4A39281706F5E4D3C2B1A0");
        assertThat(row.valueProperty(SessionColumn.SOURCE).get()).isEqualTo("192.168.7.30");
        assertThat(row.valueProperty(SessionColumn.TRANSACTION_ID).get()).isEqualTo(92001L);
        assertThat(row.valueProperty(SessionColumn.RETRY_COUNT).get()).isEqualTo(2L);
        assertThat(lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && "10.0.0.9:2883".equals(c.getText())).tryQuery()).isPresent();
        SessionRow traced = shownRows().stream().filter(r -> r.getSession().id() == TWO_SERVERS && r.isActive())
                .findFirst().orElseThrow();
        assertThat(traced.valueProperty(SessionColumn.TRACE_SETTINGS).get()).isEqualTo("level 1, 50 %, SAMPLE_AND_SLOW_QUERY");

        fx(() -> {
            for (SessionColumn c : List.of(SessionColumn.TRACE_ID, SessionColumn.TRANSACTION, SessionColumn.TRACE_SETTINGS)) {
                column(c).setVisible(true);
            }
            table().getSelectionModel().select(traced);
            // wide enough to see the OBServer and OBProxy columns after the OCP ones
            stage.setWidth(1900);
            return null;
        });
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "oceanbase-table.png"));
    }

    @Test
    void oneSessionOnTwoObServersStaysTogetherActiveFirstUnderAnotherSort() throws Exception {
        showTenant();

        for (TableColumn.SortType order : TableColumn.SortType.values()) {
            fx(() -> {
                TableColumn<SessionRow, ?> time = column(SessionColumn.EXECUTION_TIME);
                time.setSortType(order);
                table().getSortOrder().setAll(List.of(time));
                return null;
            });
            List<SessionRow> rows = shownRows();
            List<Integer> at = java.util.stream.IntStream.range(0, rows.size())
                    .filter(i -> rows.get(i).getSession().id() == TWO_SERVERS).boxed().toList();

            assertThat(at).as("sorted %s", order).hasSize(2);
            assertThat(at.get(1)).as("adjacent, sorted %s", order).isEqualTo(at.get(0) + 1);
            assertThat(rows.get(at.get(0)).isActive()).isTrue();
            assertThat(rows.get(at.get(0)).getSession().obServer()).contains("10.0.0.2:2881");
            assertThat(rows.get(at.get(1)).getSession().obServer()).contains("10.0.0.3:2881");
            assertThat(rows.get(at.get(1)).groupMemberProperty().get()).as("marked as under the active row").isTrue();
            assertThat(rows.get(at.get(0)).groupMemberProperty().get()).isFalse();
        }
    }

    @Test
    void traceDialogRefusesOutOfRangeInputInlineAndEnablesAndDisablesThroughDbmsMonitor() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)");
        showTenant();
        SessionRow row = awaitActiveRow(v.threadId());
        openRowMenu(row);
        clickOn("More");
        clickOn("#menu-trace-label");
        assertThat(lookup("#trace-current").queryLabeled().getText()).isEqualTo("Off");

        for (String level : List.of("0", "4", "x")) {
            enter("#trace-level", level);
            clickOn("#trace-enable");
            assertThat(message("#trace-level-message")).isEqualTo("refused: Enter a whole number from 1 to 3");
        }
        enter("#trace-level", "2");
        for (String sample : List.of("0", "150")) {
            enter("#trace-sample", sample);
            clickOn("#trace-enable");
            assertThat(message("#trace-level-message")).isEqualTo("1 to 3; a higher level records more");
            assertThat(message("#trace-sample-message")).isEqualTo("refused: Enter a percentage above 0 and at most 100");
        }
        assertThat(OceanBaseEmulation.traceCalls(DB, v.threadId())).as("nothing sent while the input is refused").isEmpty();

        enter("#trace-sample", "25");
        clickOn("#trace-policy");
        clickOn("ONLY_SLOW_QUERY");
        clickOn("#trace-enable");

        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#trace-result").queryLabeled().getText().startsWith("Tracing enabled"));
        assertThat(message("#trace-sample-message")).isEqualTo("above 0, at most 100");
        assertThat(lookup("#trace-result").queryLabeled().getText())
                .isEqualTo("Tracing enabled for session " + v.threadId() + ": level 2, 25 %, ONLY_SLOW_QUERY");
        assertThat(OceanBaseEmulation.traceCalls(DB, v.threadId())).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("ENABLE");
            assertThat(call.level()).isEqualTo(2);
            assertThat(call.sampleFraction()).isEqualByComparingTo("0.25");
            assertThat(call.recordPolicy()).isEqualTo("ONLY_SLOW_QUERY");
        });
        Screenshots.write(lookup("#trace-dialog").query().getScene(), Path.of("target", "screenshots", "trace-dialog.png"));

        clickOn("#trace-disable");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#trace-result").queryLabeled().getText().startsWith("Tracing disabled"));
        assertThat(OceanBaseEmulation.traceCalls(DB, v.threadId())).extracting(TraceCall::name).containsExactly("ENABLE", "DISABLE");
        clickOn("#trace-close");
        assertThat(lookup("#trace-dialog").tryQuery()).isEmpty();
    }

    /** The text next to a field, with "refused: " before it when shown as an error. */
    private String message(String id) {
        Label l = lookup(id).queryAs(Label.class);
        return (l.getStyleClass().contains(Styles.DANGER) ? "refused: " : "") + l.getText();
    }

    /** Replaces the field's text by typing, as a user would. */
    private void enter(String field, String text) throws Exception {
        TextField f = lookup(field).queryAs(TextField.class);
        clickOn(f);
        fx(() -> {
            f.selectAll();
            return null;
        });
        write(text);
    }
}
