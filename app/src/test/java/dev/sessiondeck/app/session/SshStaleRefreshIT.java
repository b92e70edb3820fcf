package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.SshServer;
import dev.sessiondeck.core.testing.Victim;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * A data source behind a real OpenSSH server that goes away: the refresh fails with the SSH hop
 * named, the rows stay marked stale, and once the server is back a retry logs in again and recovers.
 */
class SshStaleRefreshIT extends WindowTestSupport {

    @RegisterExtension
    static final SshServer SSH = new SshServer();
    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void aKilledTunnelMarksTheTableStaleWithTheSshReasonAndARetryRecovers() throws Exception {
        try (Victim v = Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, "SELECT SLEEP(60)")) {
            show(DB.adminSpec().toBuilder().sshTunnel(SSH.keySpec().build()).build());
            awaitActiveRow(v.threadId());
            int before = shownCount();

            // the SSH server goes, with the tunnel's connection (a drop in the middle of a listing is
            // core's SshTunnelSourceIT): a new login is refused until it is back
            SSH.stop();
            try {
                clickOn("#refresh-button");
                await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> vm.staleProperty().get()));
                assertThat(shownCount()).isEqualTo(before);
                assertThat(lookup("#status-error").queryLabeled().getText()).startsWith("Stale:")
                        .contains("unreachable (SSH: connection");
                assertThat(table().getPseudoClassStates()).contains(SessionsView.STALE);
            } finally {
                SSH.restart();
            }

            clickOn("#retry-button");
            await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> !vm.staleProperty().get()));
            assertThat(shownRow(v.threadId())).isPresent();
        }
    }
}
