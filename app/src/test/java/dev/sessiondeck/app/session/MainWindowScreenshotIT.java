package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the main window with live sessions of an embedded MariaDB (idle sessions, long
 * statements, one waiting on a row lock, Chinese text) to {@code docs/images/main-window.png}, the
 * picture the README shows.
 */
class MainWindowScreenshotIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    private static final Path PICTURE = Path.of("..", "docs", "images", "main-window.png");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private Victim run(String user, String password, String sql) throws Exception {
        return victim(DB, user, password, sql);
    }

    @Test
    void rendersTheMainWindowWithLiveSessions() throws Exception {
        Connection root = DB.connectRoot();
        opened.add(root);
        try (Statement st = root.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS deckdb.orders (id INT PRIMARY KEY, amount INT)");
            st.execute("INSERT IGNORE INTO deckdb.orders VALUES (1, 10), (2, 20)");
        }
        Connection holder = DB.connect(EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD);
        opened.add(holder);
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute("UPDATE orders SET amount = amount + 1 WHERE id = 1");
        }
        Victim longest = run(EmbeddedMariaDb.ROOT, EmbeddedMariaDb.ROOT_PASSWORD,
                "SELECT SLEEP(120) /* nightly report */");
        Victim chinese = run(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD,
                "SELECT '会话' AS label, SLEEP(90) AS waited FROM DUAL WHERE '会话' LIKE '会%'");
        run(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "UPDATE orders SET amount = 0 WHERE id = 1");
        for (int i = 0; i < 4; i++) {
            opened.add(DB.connect(i % 2 == 0 ? EmbeddedMariaDb.PLAIN : EmbeddedMariaDb.ADMIN,
                    i % 2 == 0 ? EmbeddedMariaDb.PLAIN_PASSWORD : EmbeddedMariaDb.ADMIN_PASSWORD));
        }
        show(DB.adminSpec());
        awaitActiveRow(longest.threadId());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return shownRow(longest.threadId()).map(r -> r.getSession().executionSeconds() > 10.5).orElse(false);
        });
        fx(() -> {
            TableColumn<SessionRow, ?> time = table().getColumns().stream()
                    .filter(c -> c.getUserData() == SessionColumn.EXECUTION_TIME).findFirst().orElseThrow();
            time.setSortType(TableColumn.SortType.DESCENDING);
            table().getSortOrder().setAll(List.of(time));
            table().getItems().stream().filter(r -> r.getSession().id() == chinese.threadId()).findFirst()
                    .ifPresent(r -> table().getSelectionModel().select(r));
            return null;
        });

        Screenshots.write(stage.getScene(), PICTURE);
        assertThat(PICTURE).exists();
        assertThat(Files.size(PICTURE)).isGreaterThan(20_000);
    }
}
