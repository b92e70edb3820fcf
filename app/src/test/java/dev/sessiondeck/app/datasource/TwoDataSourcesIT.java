package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.session.SessionRow;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * Two servers connected at once: the merged view lists both, a kill reaches the server that listed
 * the session, and a stopped server leaves the other refreshing. Server B is stopped by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoDataSourcesIT extends MainWindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb A = new EmbeddedMariaDb();
    @RegisterExtension
    static final EmbeddedMariaDb B = new EmbeddedMariaDb();

    private Victim onA;
    private Victim onB;

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "two.json");
    }

    @AfterEach
    void closeVictims() throws Exception {
        for (Victim v : new Victim[] {onA, onB}) {
            if (v != null) {
                v.close();
            }
        }
    }

    private void connect(String name, EmbeddedMariaDb db) throws Exception {
        ConnectionSpec spec = db.adminSpec().toBuilder().name(name).build();
        fx(() -> {
            DataSourceRow row = dataSources.save(DataSourceProfile.of(java.util.UUID.randomUUID().toString(), spec, "", true),
                    EmbeddedMariaDb.ADMIN_PASSWORD.toCharArray(), e -> { });
            dataSources.connect(row, null, () -> { }, e -> { });
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> dataSources.row(name).orElseThrow().getState())
                == DataSourceRow.State.CONNECTED);
    }

    private TableView<SessionRow> table() {
        return lookup("#session-table").queryTableView();
    }

    private Optional<SessionRow> shown(String source, long id) throws Exception {
        return fx(() -> table().getItems().stream().filter(r -> r.getSession().id().equals(Long.toString(id))
                && r.getSession().key().dataSource().equals(source)).findFirst());
    }

    private SessionRow awaitActive(String source, long id) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            fx(() -> {
                sessions.refresh();
                return null;
            });
            return shown(source, id).filter(SessionRow::isActive);
        }, Optional::isPresent).orElseThrow();
    }

    @Test
    @Order(1)
    void mergedViewListsBothAndCloseSessionReachesTheServerThatListedIt() throws Exception {
        onA = Victim.start(A, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        onB = Victim.start(B, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(61)");
        connect("server A", A);
        connect("server B", B);

        clickOn("#data-source-selector");
        clickOn("All data sources");
        assertThat(fx(() -> sessions.showAllProperty().get())).isTrue();
        assertThat(stage.getTitle()).contains("All data sources");
        SessionRow victimOfB = awaitActive("server B", onB.threadId());
        awaitActive("server A", onA.threadId());
        assertThat(fx(() -> table().getColumns().stream().filter(c -> "column-dataSource".equals(c.getId()))
                .findFirst().orElseThrow().isVisible())).isTrue();
        assertThat(fx(() -> table().getItems().stream().map(r -> r.getSession().key().dataSource()).distinct().sorted().toList()))
                .containsExactly("server A", "server B");

        // a user search works across both
        fx(() -> {
            sessions.userSearchProperty().set(EmbeddedMariaDb.PLAIN);
            return null;
        });
        assertThat(fx(() -> table().getItems().stream().map(r -> r.getSession().key().dataSource()).distinct().count())).isEqualTo(2);
        fx(() -> {
            sessions.userSearchProperty().set("");
            return null;
        });

        List<?> outcomes = fx(() -> {
            java.util.concurrent.CompletableFuture<List<?>> done = new java.util.concurrent.CompletableFuture<>();
            sessions.perform(SessionAction.CLOSE_SESSION, List.of(victimOfB), Map.of(), done::complete);
            return done;
        }).get();
        assertThat(outcomes).hasSize(1);
        assertThat(onB.awaitFailure().getSQLState()).isEqualTo("08S01");
        assertThat(onA.isRunning()).as("the same id on A is untouched").isTrue();
    }

    @Test
    @Order(2)
    void aStoppedServerMarksOnlyItsRowsStaleAndTheOtherKeepsRefreshing() throws Exception {
        onA = Victim.start(A, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        onB = Victim.start(B, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(61)");
        connect("server A", A);
        connect("server B", B);
        fx(() -> {
            sessions.showAllProperty().set(true);
            return null;
        });
        awaitActive("server A", onA.threadId());
        awaitActive("server B", onB.threadId());

        B.stop();
        onB.close();
        onB = null;
        fx(() -> {
            sessions.refresh();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> sessions.staleProperty().get()));

        Instant before = fx(() -> sessions.lastRefreshProperty().get());
        SessionRow rowOfA = shown("server A", onA.threadId()).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            fx(() -> {
                sessions.refresh();
                return null;
            });
            return fx(() -> sessions.lastRefreshProperty().get()).isAfter(before);
        });
        assertThat(rowOfA.isStale()).isFalse();
        List<SessionRow> rowsOfB = fx(() -> table().getItems().stream()
                .filter(r -> r.getSession().key().dataSource().equals("server B")).toList());
        assertThat(rowsOfB).isNotEmpty().allMatch(SessionRow::isStale);
        assertThat(rowsOfB.get(0).staleReasonProperty().get()).startsWith("Server unreachable");
        assertThat(lookup("#status-error").queryLabeled().getText()).startsWith("Stale:").contains("server B");
        assertThat(fx(() -> dataSources.row("server B").orElseThrow().refreshErrorProperty().get())).isNotEmpty();
        assertThat(fx(() -> dataSources.row("server A").orElseThrow().refreshErrorProperty().get())).isEmpty();
        picture(stage.getScene(), "two-data-sources-one-down");
    }
}
