package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.SshServer;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ComboBox;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/**
 * The editor's SSH tunnel section against a real OpenSSH server in front of the embedded MariaDB:
 * Test shows an unknown host key's fingerprint to accept, then checks the SSH hop and the database
 * apart and says which failed; the saved data source carries the tunnel and the accepted key.
 */
class SshTunnelDialogIT extends MainWindowTestSupport {

    @RegisterExtension
    static final SshServer SSH = new SshServer();
    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "ssh-editor.json");
    }

    private void set(String id, String text) throws Exception {
        TextField f = lookup(id).queryAs(TextField.class);
        fx(() -> {
            f.setText(text);
            return null;
        });
    }

    private void showTab(int index) throws Exception {
        javafx.scene.control.TabPane tabs = lookup("#ds-tabs").queryAs(javafx.scene.control.TabPane.class);
        fx(() -> {
            tabs.getSelectionModel().select(index);
            return null;
        });
    }

    private String result() {
        return lookup("#ds-test-result").queryLabeled().getText();
    }

    @Test
    void testAcceptsAnUnknownHostKeyOnceAndTellsTheSshHopFromTheDatabase() throws Exception {
        clickOn("#ds-add");
        set("#ds-name", "behind bastion");
        set("#ds-host", "127.0.0.1");
        set("#ds-port", String.valueOf(DB.port()));
        set("#ds-user", EmbeddedMariaDb.ADMIN);
        clickOn("#ds-password").write("wrong");
        showTab(1);
        clickOn("#ds-ssh");
        set("#ds-ssh-host", "127.0.0.1");
        set("#ds-ssh-port", String.valueOf(SSH.port()));
        set("#ds-ssh-user", SshServer.keyUser());
        @SuppressWarnings("unchecked")
        ComboBox<SshAuth> auth = (ComboBox<SshAuth>) lookup("#ds-ssh-auth").query();
        assertThat(auth.getValue()).isEqualTo(SshAuth.KEY);
        set("#ds-ssh-key", SSH.passphraseKey().toString());
        clickOn("#ds-ssh-secret").write(SshServer.PASSPHRASE);
        set("#ds-ssh-known-hosts", SSH.emptyKnownHosts().toString());
        assertThat(lookup("#ds-error").queryLabeled().getText()).isEmpty();

        clickOn("#ds-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ssh-host-key-dialog").tryQuery().isPresent());
        DialogPane keyDialog = lookup("#ssh-host-key-dialog").queryAs(DialogPane.class);
        assertThat(keyDialog.getContentText()).contains(SSH.hostKey().fingerprint()).contains("ssh-ed25519");
        assertThat(result()).startsWith("SSH failed").contains("Database: not tried");
        picture(keyDialog.getScene(), "ssh-unknown-host-key");

        clickOn("#ssh-accept-host-key");
        await().atMost(Duration.ofSeconds(20)).until(() -> result().contains("Database failed"));
        assertThat(result()).startsWith("SSH: logged in (host key " + SSH.hostKey() + ")")
                .contains("Database failed (the SSH hop worked): Authentication failed");
        assertThat(lookup("#ds-ssh-host-key").queryLabeled().getText()).isEqualTo(SSH.hostKey().toString());

        showTab(0);
        doubleClickOn("#ds-password").write(EmbeddedMariaDb.ADMIN_PASSWORD);
        showTab(1);
        clickOn("#ds-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> result().contains("Connected: MariaDB"));
        assertThat(result()).startsWith("SSH: logged in");
        picture(lookup("#ds-editor").query().getScene(), "data-source-editor-ssh");

        clickOn("#ds-ssh-save-secret");
        clickOn("#ds-ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> new ProfileStore(Path.of("target", "test-profiles",
                "ssh-editor.json")).load().profiles().stream().anyMatch(p -> p.name().equals("behind bastion")));
        DataSourceProfile saved = new ProfileStore(Path.of("target", "test-profiles", "ssh-editor.json")).load().profiles()
                .stream().filter(p -> p.name().equals("behind bastion")).findFirst().orElseThrow();
        assertThat(saved.sshTunnel()).hasValueSatisfying(t -> {
            assertThat(t.host()).isEqualTo("127.0.0.1");
            assertThat(t.port()).isEqualTo(SSH.port());
            assertThat(t.hostKey()).isEqualTo(SSH.hostKey().toString());
            assertThat(t.saveSecret()).isTrue();
        });
    }

    @Test
    void connectingASavedDataSourceAsksForAnSshPasswordThatIsNotSaved() throws Exception {
        SshServer.assumePasswordUser();
        dev.sessiondeck.core.source.ConnectionSpec spec = DB.adminSpec().toBuilder().name("password bastion")
                .sshTunnel(SSH.keySpec().user(SshServer.PASSWORD_USER).auth(SshAuth.PASSWORD).keyFile(null)
                        .hostKey(SSH.hostKey()).build())
                .build();
        DataSourceProfile profile = DataSourceProfile.of("6f1c2a6e-0000-4000-8000-0000000000a1", spec, "", true, false);
        DataSourceRow row = fx(() -> dataSources.save(profile, EmbeddedMariaDb.ADMIN_PASSWORD.toCharArray(), null, e -> { }));

        fx(() -> {
            dataSources.connect(row, null, () -> { }, e -> { });
            return null;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ssh-password-prompt").tryQuery().isPresent());
        assertThat(lookup("#ssh-password-prompt").queryAs(DialogPane.class).getHeaderText())
                .contains(SshServer.PASSWORD_USER + " on 127.0.0.1:" + SSH.port());
        clickOn("#ssh-password-prompt-field").write(SshServer.PASSWORD);
        clickOn("#ssh-password-prompt-ok");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(row::getState) == DataSourceRow.State.CONNECTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> sessions.totalCountProperty().get() > 0));
    }

    @Test
    void connectingASavedDataSourceOffersAnUnknownHostKeyAndKeepsItOnceAccepted() throws Exception {
        dev.sessiondeck.core.source.ConnectionSpec spec = DB.adminSpec().toBuilder().name("unknown bastion")
                .sshTunnel(SSH.keySpec(SSH.emptyKnownHosts()).build()).build();
        DataSourceProfile profile = DataSourceProfile.of("6f1c2a6e-0000-4000-8000-0000000000a2", spec, "", true, false);
        DataSourceRow row = fx(() -> dataSources.save(profile, EmbeddedMariaDb.ADMIN_PASSWORD.toCharArray(), null, e -> { }));
        fx(() -> {
            dataSources.connect(row, null, () -> { }, e -> { });
            return null;
        });
        // the dialog's pane is in the scene before its window is shown: its button is clicked once visible
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ssh-accept-host-key").match(Node::isVisible)
                .match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing()).tryQuery().isPresent());
        assertThat(lookup("#ssh-host-key-dialog").queryAs(DialogPane.class).getContentText())
                .contains(SSH.hostKey().fingerprint());
        clickOn("#ssh-accept-host-key");
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(row::getState) == DataSourceRow.State.CONNECTED);
        assertThat(fx(() -> row.profile().orElseThrow().sshTunnel().orElseThrow().hostKey()))
                .isEqualTo(SSH.hostKey().toString());
    }

    @Test
    void theSshTabReadsInChinese() throws Exception {
        dev.sessiondeck.app.support.Messages.use(dev.sessiondeck.app.support.Messages.localeFor("zh"));
        try {
            clickOn("#ds-add");
            showTab(1);
            clickOn("#ds-ssh");
            assertThat(lookup("#ds-ssh").queryAs(javafx.scene.control.CheckBox.class).getText()).isEqualTo("通过 SSH 隧道连接");
            picture(lookup("#ds-editor").query().getScene(), "data-source-editor-ssh-zh");
            clickOn("#ds-cancel");
        } finally {
            dev.sessiondeck.app.support.Messages.use(java.util.Locale.ENGLISH);
        }
    }
}
