package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.testsource.TestClusterSource;
import dev.sessiondeck.app.testsource.TestClusterType;
import dev.sessiondeck.core.source.ConnectionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A kind of data source the window has never heard of ({@link TestClusterType}, registered by the
 * tests alone): its columns, its own action, its details and the CSV export all come from its
 * declarations, with no edit in the window's code.
 */
class PluggableSourceIT extends WindowTestSupport {

    @TempDir
    Path temp;

    private TestClusterSource source;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void showCluster() throws Exception {
        ConnectionSpec spec = ConnectionSpec.builder().name("cluster").type(TestClusterType.ID).host("ras.example")
                .option("region", "south").build();
        source = (TestClusterSource) show(spec);
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> row(TestClusterSource.THIRD).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Optional<SessionRow> row(String id) throws Exception {
        return fx(() -> table().getItems().stream().filter(r -> r.getSession().id().equals(id)).findFirst());
    }

    private TableColumn<SessionRow, ?> column(String id) {
        return table().getColumns().stream().filter(c -> ("column-" + id).equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void itsOwnColumnsAreShownWithTheirTitlesAndUnits() throws Exception {
        showCluster();

        assertThat(fx(() -> column("calls").isVisible())).isTrue();
        assertThat(fx(() -> column("busyTime").isVisible())).isTrue();
        assertThat(fx(() -> column("calls").getText())).isEqualTo("Calls");
        assertThat(fx(() -> column("busyTime").getText())).isEqualTo("Busy Time (s)");
        SessionRow robot = row(TestClusterSource.THIRD).orElseThrow();
        assertThat(robot.value(SessionColumn.of(TestClusterSource.CALLS))).isEqualTo(4_200L);
        // a duration reads in seconds with decimals, a count with thousands separators
        assertThat(SessionColumn.of(TestClusterSource.BUSY_TIME).text(robot.value(SessionColumn.of(TestClusterSource.BUSY_TIME))))
                .isEqualTo("93.250");
        assertThat(SessionColumn.of(TestClusterSource.CALLS).text(4_200L)).isEqualTo("4,200");
        // the UUID id is the session's id, and an SQL server's columns it does not fill are hidden
        assertThat(robot.getSession().id()).isEqualTo(TestClusterSource.THIRD);
        assertThat(fx(() -> table().getColumns().stream().filter(TableColumn::isVisible)
                .map(TableColumn::getId).toList())).doesNotContain("column-memory", "column-obServer");
    }

    @Test
    void itsOwnActionAsksForItsParameterAndRunsOnTheSelectedSessions() throws Exception {
        showCluster();
        SessionRow first = row(TestClusterSource.FIRST).orElseThrow();
        openRowMenu(first);
        clickOn("#menu-more");
        clickOn("#menu-action-nudge-label");
        WaitForAsyncUtils.waitForFxEvents();

        // the parameter is required: OK refuses an empty message, in words next to the field
        clickOn("#action-ok");
        assertThat(lookup("#action-field-message-message").queryAs(Label.class).getText()).contains("Message");
        assertThat(source.performed).isEmpty();
        clickOn("#action-field-message").write("Please log off before 18:00");
        clickOn("#action-ok");

        await().atMost(Duration.ofSeconds(10)).until(() -> !source.performed.isEmpty());
        assertThat(source.performed).containsExactly("nudge " + TestClusterSource.FIRST + " Please log off before 18:00");
        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("done: message sent");
    }

    @Test
    void closeSessionReachesTheSourceAndTheRowGoes() throws Exception {
        showCluster();
        SessionRow second = row(TestClusterSource.SECOND).orElseThrow();
        clickOn(rowNode(second));
        clickOn("#close-session-button");
        assertThat(lookup("#action-targets").queryAs(TableView.class).getItems()).hasSize(1);
        clickOn("#action-ok");

        await().atMost(Duration.ofSeconds(10)).until(() -> row(TestClusterSource.SECOND).isEmpty());
        assertThat(source.performed).containsExactly("close " + TestClusterSource.SECOND);
        awaitResults();
    }

    @Test
    void closeAllShownReachesEveryShownSessionOfASourceWithoutSql() throws Exception {
        showCluster();
        fx(() -> {
            vm.userSearchProperty().set("o");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> table().getItems().size())).isEqualTo(2);
        openRowMenu(fx(() -> table().getItems().get(0)));
        clickOn("#menu-shown");
        moveTo("#close-all-shown-sessions");
        clickOn("#close-all-shown-sessions");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#action-targets").queryAs(TableView.class).getItems()).hasSize(2);
        clickOn("#action-ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> source.performed.size() == 2);
        assertThat(source.performed).containsExactlyInAnyOrder("close " + TestClusterSource.SECOND,
                "close " + TestClusterSource.THIRD);
        awaitResults();
    }

    @Test
    void detailsListEachValueOnceWithItsTitle() throws Exception {
        showCluster();
        SessionRow robot = row(TestClusterSource.THIRD).orElseThrow();
        List<SessionDetailsDialog.Field> fields = fx(() -> SessionDetailsDialog.fields(robot.getSession()));

        assertThat(fields).extracting(SessionDetailsDialog.Field::name)
                .contains("Calls", "Busy Time (s)", "Session ID", "Data Source")
                .doesNotHaveDuplicates();
        assertThat(fields).contains(new SessionDetailsDialog.Field("Calls", "4,200"),
                new SessionDetailsDialog.Field("Session ID", TestClusterSource.THIRD),
                new SessionDetailsDialog.Field("Database Name", "south"));

        openRowMenu(robot);
        clickOn("#menu-details");
        assertThat(lookup("#details-table").queryAs(TableView.class).getItems()).hasSize(fields.size());
        clickOn("#details-close");
    }

    @Test
    void theCsvExportHasTheShownColumnsWithExactValuesAndUnitsInTheHeader() throws Exception {
        showCluster();
        Path file = temp.resolve("shown.csv");
        fx(() -> {
            view.setSaveFileChooser(w -> Optional.of(file));
            return null;
        });
        // the keys, not the toolbar button: at 1280 pixels the button may stand in the toolbar's overflow
        clickOn(table());
        press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.E, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && Files.size(file) > 0);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).contains("id", "user", "calls", "busyTimeMs", "executionTimeMs");
        int calls = header.indexOf("calls");
        int cpu = header.indexOf("busyTimeMs");
        String robot = lines.stream().filter(l -> l.contains(TestClusterSource.THIRD)).findFirst().orElseThrow();
        assertThat(robot.split(",")[calls]).isEqualTo("4200");
        assertThat(robot.split(",")[cpu]).isEqualTo("93250");
        assertThat(lines).hasSize(1 + 3);
        assertThat(lookup("#status-notice").queryAs(Label.class).getText()).contains(file.toString());
    }
}
