package dev.sessiondeck.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DemoServerIT {

    @Test
    void demoServesIdleBusyAndLockedSessionsThatComeBackWhenKilledAndStopsCleanly() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        int port;
        Path home;
        try (DemoServer demo = DemoServer.start(progress::add)) {
            port = demo.connectionSpec().port();
            assertThat(progress).containsExactly(
                    "Unpacking MariaDB…", "Starting MariaDB…", "Creating demo users and data…", "Starting the workload…");
            assertThat(demo.connectionSpec().name()).isEqualTo("Demo (MariaDB)");
            home = dataDir(demo.connectionSpec()).getParent();
            assertThat(home.getFileName().toString()).startsWith("sessiondeck-demo");
            assertThat(home.getParent()).isEqualTo(Paths.get(System.getProperty("java.io.tmpdir")).toRealPath());

            try (SessionSource source = SessionSources.loaded().open(demo.connectionSpec())) {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Snapshot snapshot = source.snapshot();
                    List<Session> workload = snapshot.sessions().stream()
                            .filter(s -> !s.own() && !s.background())
                            .toList();
                    assertThat(workload).filteredOn(s -> s.state() == SessionState.IDLE).hasSizeGreaterThanOrEqualTo(15);
                    assertThat(workload).filteredOn(Session::isActive).hasSizeGreaterThanOrEqualTo(4);
                    assertThat(workload).as("a session blocked on the locked row")
                            .anySatisfy(s -> {
                                assertThat(s.isActive()).isTrue();
                                assertThat(s.sql()).hasValueSatisfying(sql -> assertThat(sql).startsWith("UPDATE orders"));
                                assertThat(s.executionSeconds()).isGreaterThanOrEqualTo(1.0);
                            });
                    assertThat(workload).extracting(Session::user).filteredOn(Optional::isPresent)
                            .extracting(Optional::get).containsAll(List.of("app_orders", "app_reports", "analyst"));
                    assertThat(workload).extracting(Session::database).filteredOn(Optional::isPresent)
                            .extracting(Optional::get).containsAll(List.of("shop", "reporting"));
                    assertThat(workload).anySatisfy(s -> assertThat(s.sql()).hasValueSatisfying(
                            sql -> assertThat(sql).contains("会话演示")));
                    assertThat(workload).as("the slow join").anySatisfy(s -> {
                        assertThat(s.isActive()).isTrue();
                        assertThat(s.sql()).hasValueSatisfying(sql -> assertThat(sql).contains("JOIN page_views"));
                    });
                });

                // a killed statement starts again on the same session; a killed session comes back as a new one
                Session blocked = find(source, sql -> sql.startsWith("UPDATE orders"));
                source.kill(blocked.key(), KillMode.QUERY);
                Session chinese = find(source, sql -> sql.contains("会话演示"));
                source.kill(chinese.key(), KillMode.SESSION);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    Session blockedAgain = find(source, sql -> sql.startsWith("UPDATE orders"));
                    assertThat(blockedAgain.id()).isEqualTo(blocked.id());
                    assertThat(blockedAgain.attribute(StandardAttributes.QUERY_ID))
                            .isNotEqualTo(blocked.attribute(StandardAttributes.QUERY_ID));
                    assertThat(find(source, sql -> sql.contains("会话演示")).id()).isNotEqualTo(chinese.id());
                });
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
        assertThat(home).as("the demo's directory is deleted").doesNotExist();
    }

    /** The one workload session running a statement that matches. */
    private static Session find(SessionSource source, Predicate<String> sql) throws SourceException {
        List<Session> found = source.snapshot().sessions().stream()
                .filter(s -> !s.own() && s.isActive() && s.sql().filter(sql).isPresent())
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's data directory ({@code @@datadir}), asked as the demo's administrator. */
    private static Path dataDir(ConnectionSpec spec) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", spec.user());
        p.setProperty("password", new String(spec.password()));
        p.setProperty("sslMode", "DISABLED");
        String url = "jdbc:mysql://" + spec.host() + ":" + spec.port() + "/";
        try (Connection c = DriverManager.getConnection(url, p);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@datadir")) {
            rs.next();
            return Paths.get(rs.getString(1)).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
