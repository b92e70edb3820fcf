package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.oceanbase.OceanBaseAttributes;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.OceanBaseEmulation;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
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
 * the OCP columns, one session id on two OBServers kept together, and full link tracking, the
 * tenant's own action, whose calls the emulated {@code DBMS_MONITOR} records. Writes pictures to
 * {@code target/screenshots/}.
 */
class OceanBaseWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--version=5.7.25-OceanBase_CE-v4.2.1.0");

    /** Recorded in fixtures/oceanbase/4.2: active on 10.0.0.2, idle on 10.0.0.3. */
    private static final long TWO_SERVERS = 3221487617L;
    /** Recorded: through OBProxy 10.0.0.9:2883 on OBServer 10.0.0.4. */
    private static final long THROUGH_PROXY = 3221487811L;

    private static final SessionColumn OB_SERVER = SessionColumn.of(OceanBaseAttributes.OB_SERVER);
    private static final SessionColumn OB_PROXY = SessionColumn.of(OceanBaseAttributes.OB_PROXY);
    private static final SessionColumn SQL_ID = SessionColumn.of(OceanBaseAttributes.SQL_ID);
    private static final SessionColumn TRANSACTION_ID = SessionColumn.of(OceanBaseAttributes.TRANSACTION_ID);
    private static final SessionColumn RETRY_COUNT = SessionColumn.of(OceanBaseAttributes.RETRY_COUNT);
    private static final SessionColumn TRACE_ID = SessionColumn.of(OceanBaseAttributes.TRACE_ID);
    private static final SessionColumn TRANSACTION = SessionColumn.of(StandardAttributes.TRANSACTION_STATE);
    private static final SessionColumn TRACE_LEVEL = SessionColumn.of(OceanBaseAttributes.TRACE_LEVEL);
    private static final SessionColumn TRACE_SAMPLE = SessionColumn.of(OceanBaseAttributes.TRACE_SAMPLE);
    private static final SessionColumn TRACE_POLICY = SessionColumn.of(OceanBaseAttributes.TRACE_POLICY);
    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");

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

        assertThat(visible(OB_SERVER)).isTrue();
        assertThat(visible(OB_PROXY)).isTrue();
        assertThat(visible(SQL_ID)).isTrue();
        SessionRow row = shownRow(THROUGH_PROXY).orElseThrow();
        assertThat(row.valueProperty(OB_SERVER).get()).isEqualTo("10.0.0.4:2881");
        assertThat(row.valueProperty(OB_PROXY).get()).isEqualTo("10.0.0.9:2883");
        assertThat(row.valueProperty(SQL_ID).get()).isEqualTo("9F8E7D6C5B4A39281706F5E4D3C2B1A0");
        assertThat(row.valueProperty(SessionColumn.SOURCE).get()).isEqualTo("192.168.7.30");
        assertThat(row.valueProperty(TRANSACTION_ID).get()).isEqualTo(92001L);
        assertThat(row.valueProperty(RETRY_COUNT).get()).isEqualTo(2L);
        assertThat(lookup(".table-cell").match((Node n) -> n instanceof TableCell<?, ?> c
                && "10.0.0.9:2883".equals(c.getText())).tryQuery()).isPresent();
        SessionRow traced = tracedRow();
        // the former "Trace Settings" column is three: level, sample percentage, record policy
        assertThat(traced.valueProperty(TRACE_LEVEL).get()).isEqualTo(1L);
        assertThat(traced.valueProperty(TRACE_SAMPLE).get()).isEqualTo(50.0);
        assertThat(traced.valueProperty(TRACE_POLICY).get()).isEqualTo("SAMPLE_AND_SLOW_QUERY");

        fx(() -> {
            for (SessionColumn c : List.of(TRACE_ID, TRANSACTION, TRACE_LEVEL, TRACE_SAMPLE, TRACE_POLICY)) {
                column(c).setVisible(true);
            }
            table().getSelectionModel().select(traced);
            // wide enough to see the OBServer and OBProxy columns after the OCP ones
            stage.setWidth(1900);
            return null;
        });
        Screenshots.write(stage.getScene(), Path.of("target", "screenshots", "oceanbase-table.png"));
    }

    /** The recorded active row of {@link #TWO_SERVERS}: traced at level 1, 50 %, SAMPLE_AND_SLOW_QUERY. */
    private SessionRow tracedRow() throws Exception {
        return shownRows().stream().filter(r -> r.getSession().id().equals(Long.toString(TWO_SERVERS)) && r.isActive())
                .findFirst().orElseThrow();
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
                    .filter(i -> rows.get(i).getSession().id().equals(Long.toString(TWO_SERVERS))).boxed().toList();

            assertThat(at).as("sorted %s", order).hasSize(2);
            assertThat(at.get(1)).as("adjacent, sorted %s", order).isEqualTo(at.get(0) + 1);
            assertThat(rows.get(at.get(0)).isActive()).isTrue();
            assertThat(rows.get(at.get(0)).getSession().attribute(OceanBaseAttributes.OB_SERVER)).contains("10.0.0.2:2881");
            assertThat(rows.get(at.get(1)).getSession().attribute(OceanBaseAttributes.OB_SERVER)).contains("10.0.0.3:2881");
            assertThat(rows.get(at.get(1)).groupMemberProperty().get()).as("marked as under the active row").isTrue();
            assertThat(rows.get(at.get(0)).groupMemberProperty().get()).isFalse();
        }
    }

    @Test
    void traceDialogRefusesOutOfRangeInputInlineAndEnablesThroughDbmsMonitor() throws Exception {
        Victim v = victim(DB, EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD, "SELECT SLEEP(60)");
        showTenant();
        SessionRow row = awaitActiveRow(v.threadId());
        // tracing is off: its columns are empty, and turning it off is greyed with the reason
        assertThat(row.value(TRACE_LEVEL)).isNull();
        openRowMenu(row);
        clickOn("#menu-more");
        Label off = lookup("#menu-action-traceOff-label").queryAs(Label.class);
        assertThat(off.getPseudoClassStates()).contains(BLOCKED);
        assertThat(off.getTooltip().getText()).isEqualTo("This session is not traced");
        Label on = lookup("#menu-action-trace-label").queryAs(Label.class);
        assertThat(on.getPseudoClassStates()).doesNotContain(BLOCKED);
        clickOn(on);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#action-dialog").tryQuery()).isPresent();
        assertThat(lookup("#action-field-level").queryAs(TextField.class).getText()).as("the declared start").isEqualTo("1");

        for (String level : List.of("0", "4")) {
            enter("#action-field-level", level);
            clickOn("#action-ok");
            assertThat(message("#action-field-level-message")).isEqualTo("refused: Level: from 1 to 3");
            assertThat(lookup("#action-problem").queryLabeled().getText()).isEqualTo("Level: from 1 to 3");
        }
        enter("#action-field-level", "x");
        clickOn("#action-ok");
        assertThat(message("#action-field-level-message")).isEqualTo("refused: Level: enter a whole number");
        enter("#action-field-level", "2");
        for (String sample : List.of("0", "150")) {
            enter("#action-field-samplePercentage", sample);
            clickOn("#action-ok");
            assertThat(message("#action-field-level-message")).isEqualTo("1 to 3; a higher level records more");
            assertThat(message("#action-field-samplePercentage-message"))
                    .isEqualTo("refused: Sample percentage (%): above 0, at most 100");
        }
        assertThat(OceanBaseEmulation.traceCalls(DB, v.threadId())).as("nothing sent while the input is refused").isEmpty();

        enter("#action-field-samplePercentage", "25");
        clickOn("#action-field-recordPolicy");
        clickOn("slow statements only");
        Label sampleMessage = lookup("#action-field-samplePercentage-message").queryAs(Label.class);
        Screenshots.write(lookup("#action-dialog").query().getScene(), Path.of("target", "screenshots", "trace-dialog.png"));
        clickOn("#action-ok");

        List<String> results = awaitResults();
        assertThat(sampleMessage.getText()).isEqualTo("above 0, at most 100");
        assertThat(results).singleElement().asString().startsWith("#" + v.threadId() + " ")
                .endsWith("done: tracing enabled: level 2, 25 %, ONLY_SLOW_QUERY");
        assertThat(OceanBaseEmulation.traceCalls(DB, v.threadId())).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("ENABLE");
            assertThat(call.level()).isEqualTo(2);
            assertThat(call.sampleFraction()).isEqualByComparingTo("0.25");
            assertThat(call.recordPolicy()).isEqualTo("ONLY_SLOW_QUERY");
        });
        assertThat(lookup("#action-dialog").tryQuery()).isEmpty();
        assertThat(lookup("#action-notification").tryQuery()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTracedSessionOffersTracingOffAndItsDialogStartsWithItsCurrentSettings() throws Exception {
        showTenant();
        SessionRow traced = tracedRow();
        fx(() -> {
            table().scrollTo(traced);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        openRowMenu(traced);
        clickOn("#menu-more");
        Label off = lookup("#menu-action-traceOff-label").queryAs(Label.class);
        assertThat(off.getPseudoClassStates()).doesNotContain(BLOCKED);
        assertThat(off.getTooltip().getText()).isEqualTo("Stop end-to-end tracing of this session");
        clickOn("#menu-action-trace-label");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#action-field-level").queryAs(TextField.class).getText()).isEqualTo("1");
        assertThat(lookup("#action-field-samplePercentage").queryAs(TextField.class).getText()).isEqualTo("50");
        ComboBox<dev.sessiondeck.core.model.InputField.Choice> policy = lookup("#action-field-recordPolicy").queryAs(ComboBox.class);
        assertThat(policy.getValue().value()).isEqualTo("SAMPLE_AND_SLOW_QUERY");
        clickOn("#action-cancel");
        assertThat(lookup("#action-dialog").tryQuery()).isEmpty();

        // Ctrl+T, with the table's focus back after the dialog, asks the same
        assertThat(fx(() -> table().getScene().getFocusOwner() == table())).isTrue();
        push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.T);
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup("#action-field-level").tryQuery().isPresent());
        assertThat(lookup("#action-field-level").queryAs(TextField.class).getText()).isEqualTo("1");
        clickOn("#action-cancel");
        assertThat(OceanBaseEmulation.traceCalls(DB, TWO_SERVERS)).isEmpty();
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
