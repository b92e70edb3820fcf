package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.session.SessionRow;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.LoopbackProxy;
import dev.sessiondeck.core.testing.Victim;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window in Simplified Chinese ({@code --lang zh}) where core reports: a kill of a session that
 * ended meanwhile, and connections that fail. What it shows is the Chinese wording, with a server's own
 * message kept in the server's words inside it, never core's English sentence.
 */
class ChineseWindowIT extends MainWindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "chinese.json");
    }

    @Override
    protected Locale locale() {
        return Locale.SIMPLIFIED_CHINESE;
    }

    @AfterEach
    void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static boolean hasChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private void set(String id, String text) throws Exception {
        TextField f = lookup(id).queryAs(TextField.class);
        fx(() -> {
            f.setText(text);
            return null;
        });
    }

    private String testResult() {
        return lookup("#ds-test-result").queryLabeled().getText();
    }

    /** A loopback port nobody listens on (taken, then given back). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aConnectionThatFailsIsReportedInChineseWithTheServersOwnWordsInside() throws Exception {
        clickOn("#ds-add");
        set("#ds-name", "本地");
        set("#ds-host", "127.0.0.1");
        set("#ds-port", String.valueOf(closedPort()));
        set("#ds-user", EmbeddedMariaDb.ADMIN);
        clickOn("#ds-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> testResult().contains("无法连接到"));
        String refused = testResult();
        assertThat(refused).startsWith("无法连接服务器：").contains("服务器拒绝了连接或无法访问")
                .doesNotContain("Cannot connect", "refused the connection", "unreachable");

        set("#ds-port", String.valueOf(DB.port()));
        clickOn("#ds-password").write("wrong");
        clickOn("#ds-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> testResult().startsWith("认证失败"));
        String denied = testResult();
        // the frame is Chinese, MariaDB's own message stays as the server said it
        assertThat(denied).contains("服务器拒绝了用户名或密码", "Access denied for user")
                .doesNotContain("Cannot connect", "the server refused the user name or password", "Authentication failed");
        clickOn("#ds-cancel");
    }

    @Test
    void closingASessionThatEndedMeanwhileIsReportedInChinese() throws Exception {
        SessionSource source = SessionSources.loaded().open(DB.adminSpec());
        fx(() -> {
            sessions.addDataSource(source);
            return null;
        });
        Victim victim = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)");
        try {
            SessionRow row = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                fx(() -> {
                    sessions.refresh();
                    return null;
                });
                return shown(victim.threadId());
                // the session as its user: a listing made while it still logged in shows it as
                // "unauthenticated user", an identity that ends when the login does (CI once picked that row)
            }, r -> r.isPresent() && r.get().getSession().user().orElse("").equals(EmbeddedMariaDb.PLAIN)).orElseThrow();
            await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> sessions.refreshingProperty().get()));
            WaitForAsyncUtils.waitForFxEvents();
            // in view first: the table may have more rows than it shows, or not have laid the new one out yet
            // scrolled to again until its cell shows: a place kept from the last refresh may be restored after a scroll
            TableView<SessionRow> table = lookup("#session-table").queryTableView();
            Node cell;
            try {
                cell = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    fx(() -> {
                        table.scrollTo(row);
                        return null;
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    return lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> t && t.getItem() == row).<Node>tryQuery();
                }, Optional::isPresent).get();
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // what the table held then, to tell a row gone from the items from a flow that did not show it
                throw new AssertionError(fx(() -> "no cell for " + row + " at index " + table.getItems().indexOf(row) + " of "
                        + table.getItems().size() + " items; same session at " + table.getItems().stream()
                                .filter(r -> r.getSession().id().equals(row.getSession().id())).map(table.getItems()::indexOf).toList()
                        + "; cells: " + lookup(".table-row-cell").queryAll().stream().map(n -> (TableRow<?>) n)
                                .map(t -> t.getIndex() + "=" + t.getItem()).toList()), e);
            }
            clickOn(cell);

            // the session ends after the user saw it, before the kill reaches the server
            victim.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !listed(victim.threadId()));

            clickOn("#close-session-button");
            clickOn("#action-ok");
            // the results come as a notification in the table's corner (nothing modal)
            atlantafx.base.controls.Notification results = await().atMost(Duration.ofSeconds(20))
                    .until(() -> lookup("#action-notification").<atlantafx.base.controls.Notification>tryQuery(),
                            Optional::isPresent).get();
            String line = fx(results::getMessage);
            assertThat(line).contains("#" + victim.threadId(), "已不存在").satisfies(l -> assertThat(hasChinese(l)).isTrue())
                    .doesNotContain("has ended", "Cannot close", "already ended", "gone");
            fx(() -> {
                results.getOnClose().handle(new javafx.event.Event(javafx.event.Event.ANY));
                return null;
            });
        } finally {
            victim.close();
        }
    }

    @Test
    void aRefreshThatFailsMarksTheRowsStaleWithTheReasonInChinese() throws Exception {
        try (LoopbackProxy proxy = LoopbackProxy.to(DB.port())) {
            SessionSource source = SessionSources.loaded().open(DB.adminSpec().toBuilder().name("via-proxy").port(proxy.port())
                    .connectTimeout(Duration.ofSeconds(1)).queryTimeout(Duration.ofSeconds(2)).build());
            fx(() -> {
                sessions.addDataSource(source);
                return null;
            });
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                fx(() -> {
                    sessions.refresh();
                    return null;
                });
                return fx(() -> sessions.totalCountProperty().get() > 0);
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> !fx(() -> sessions.refreshingProperty().get()));

            // the server goes away under the window: open links reset, new ones refused
            proxy.refuse().drop();
            fx(() -> {
                sessions.refresh();
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> sessions.staleProperty().get()));
            String shown = lookup("#status-error").queryLabeled().getText();
            assertThat(shown).startsWith("数据已过期").contains("无法列出 via-proxy 的会话")
                    .doesNotContain("Cannot list", "Cannot connect", "did not answer", "refused the connection",
                            "connection failed");
        }
    }

    private Optional<SessionRow> shown(long threadId) throws Exception {
        TableView<SessionRow> table = lookup("#session-table").queryTableView();
        return fx(() -> table.getItems().stream().filter(r -> r.getSession().id().equals(Long.toString(threadId)))
                .findFirst());
    }

    /** Whether the server still lists the thread (asked as the administrator). */
    private static boolean listed(long threadId) throws Exception {
        try (Connection c = DB.connect(EmbeddedMariaDb.ADMIN, EmbeddedMariaDb.ADMIN_PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            ps.setLong(1, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }
}
