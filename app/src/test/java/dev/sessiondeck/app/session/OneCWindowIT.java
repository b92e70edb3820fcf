package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.onec.OneCAttributes;
import dev.sessiondeck.core.testing.FakeRacScenario;
import dev.sessiondeck.core.testing.RacTranscripts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a 1C:Enterprise cluster, through the stand-in rac ({@link FakeRacScenario}): the
 * control panel's columns, search by infobase UUID and session number, Close Session with a message to
 * the user, and locking an infobase whose dialog starts with its current lock.
 */
class OneCWindowIT extends WindowTestSupport {

    private FakeRacScenario rac;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void showCluster(String name) throws Exception {
        rac = FakeRacScenario.standard(name, 30);
        show(rac.spec().name("1c cluster").option("cluster", RacTranscripts.MAIN.uuid()).build());
        fx(() -> {
            vm.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> shownCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableColumn<SessionRow, ?> column(String id) {
        return table().getColumns().stream().filter(c -> ("column-" + id).equals(c.getId())).findFirst().orElseThrow();
    }

    private Optional<SessionRow> row(String uuid) throws Exception {
        return fx(() -> table().getItems().stream().filter(r -> r.getSession().id().equals(uuid)).findFirst());
    }

    @Test
    void theControlPanelColumnsAreShownAndSqlAndTheUuidAreNot() throws Exception {
        showCluster("window-columns");

        for (String id : List.of("user", "source", "database", "command", "startedAt", "lastActiveAt", "sleeping",
                "sessionNumber", "cpuCurrent", "cpu5min", "cpuTotal", "memoryCurrent", "memory5min", "memoryTotal",
                "data5min", "dataTotal", "calls5min", "callsTotal", "dbms5min", "dbmsTotal")) {
            assertThat(fx(() -> column(id).isVisible())).as(id).isTrue();
        }
        assertThat(fx(() -> column("sql").isVisible())).isFalse();
        assertThat(fx(() -> column("id").isVisible())).isFalse();
        SessionRow first = row(RacTranscripts.sessionUuid(0)).orElseThrow();
        assertThat(first.value(SessionColumn.DATABASE)).isEqualTo(RacTranscripts.ACCOUNTING.name());
        assertThat(first.value(SessionColumn.of(StandardAttributes.SESSION_NUMBER))).isInstanceOf(Long.class);
        assertThat(first.value(SessionColumn.of(OneCAttributes.CPU_TOTAL))).isInstanceOf(Duration.class);
    }

    @Test
    void theDatabaseSearchFindsAnInfobaseByItsUuidAndTheIdSearchByNumber() throws Exception {
        showCluster("window-search");
        int all = shownCount();

        fx(() -> {
            vm.databaseSearchProperty().set(RacTranscripts.PAYROLL.uuid());
            return null;
        });
        assertThat(fx(() -> table().getItems().stream().map(r -> r.getSession().database().orElse(""))
                .distinct().toList())).containsExactly(RacTranscripts.PAYROLL.name());
        assertThat(shownCount()).isLessThan(all).isPositive();

        fx(() -> {
            vm.databaseSearchProperty().set("");
            vm.idSearchProperty().set("1");
            return null;
        });
        // session numbers are per infobase: number 1 exists once in each infobase of the cluster shown
        assertThat(fx(() -> table().getItems().stream()
                .map(r -> r.value(SessionColumn.of(StandardAttributes.SESSION_NUMBER))).distinct().toList()))
                .containsExactly(1L);
    }

    @Test
    void closeSessionTakesAMessageForTheUserAndTheSessionGoes() throws Exception {
        showCluster("window-terminate");
        String uuid = RacTranscripts.sessionUuid(1);
        clickOn(rowNode(row(uuid).orElseThrow()));
        clickOn("#close-session-button");
        clickOn("#action-field-message").write("Обновление, зайдите через 10 минут");
        clickOn("#action-ok");

        await().atMost(Duration.ofSeconds(20)).until(() -> row(uuid).isEmpty());
        assertThat(rac.calls("session terminate")).singleElement().asList()
                .contains("--session=" + uuid, "--error-message=Обновление, зайдите через 10 минут");
        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("closed");
    }

    @Test
    void theLockDialogStartsWithTheCurrentLockAndSendsTheNewOne() throws Exception {
        showCluster("window-lock");
        SessionRow first = row(RacTranscripts.sessionUuid(0)).orElseThrow();
        openRowMenu(first);
        clickOn("#menu-more");
        clickOn("#menu-action-lockInfobase-label");
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#action-field-sessionsDeny").tryQuery().isPresent());

        // the stand-in's infobase is not locked: the dialog shows that, read with rac infobase info
        assertThat(lookup("#action-field-sessionsDeny").queryAs(CheckBox.class).isSelected()).isFalse();
        clickOn("#action-field-sessionsDeny");
        clickOn("#action-field-deniedFrom").write("2026-12-01T18:00:00");
        clickOn("#action-field-deniedMessage").write("Обновление конфигурации");
        clickOn("#action-field-permissionCode").write("4321");
        assertThat(lookup("#action-field-permissionCode").queryAs(TextField.class).getText()).isEqualTo("4321");
        clickOn("#action-ok");

        await().atMost(Duration.ofSeconds(20)).until(() -> !rac.calls("infobase update").isEmpty());
        assertThat(rac.calls("infobase update")).singleElement().asList().contains(
                "--infobase=" + RacTranscripts.ACCOUNTING.uuid(), "--sessions-deny=on", "--denied-from=2026-12-01T18:00:00",
                "--denied-message=Обновление конфигурации", "--permission-code=4321");
        // the stand-in logs a call as it starts and changes its state before it exits: read the state once
        // the window has the call's result
        List<String> results = awaitResults();
        assertThat(results).singleElement().asString().contains("new sessions of Бухгалтерия предприятия are denied");
        assertThat(rac.infobaseInfo(RacTranscripts.ACCOUNTING.uuid())).containsEntry("sessions-deny", "on");
    }
}
