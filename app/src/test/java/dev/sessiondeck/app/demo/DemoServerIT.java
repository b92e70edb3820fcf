package dev.sessiondeck.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoServerIT {

    @Test
    void demoServesIdleBusyAndLockedSessionsAndStopsCleanly() throws Exception {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        List<Path> demoDirsBefore = demoDirs(tmp);
        List<String> progress = new CopyOnWriteArrayList<>();
        int port;
        try (DemoServer demo = DemoServer.start(progress::add)) {
            port = demo.connectionSpec().port();
            assertThat(progress).containsExactly(
                    "Unpacking MariaDB…", "Starting MariaDB…", "Creating demo users and data…", "Starting the workload…");
            assertThat(demo.connectionSpec().name()).isEqualTo("Demo (MariaDB)");
            assertThat(demoDirs(tmp)).hasSize(demoDirsBefore.size() + 1);

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
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
        assertThat(demoDirs(tmp)).as("the demo's directory is deleted").hasSameElementsAs(demoDirsBefore);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> demoDirs(Path tmp) throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("sessiondeck-demo")).toList();
        }
    }
}
