package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.ssh.SshException;
import dev.sessiondeck.core.ssh.SshHostKey;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * Shows the host key an SSH server presented that neither known_hosts nor the data source knows
 * (its type and SHA-256 fingerprint) and asks whether to accept it for the data source. Never offered
 * for a changed key, which is refused with its warning.
 */
final class HostKeyDialog {

    private final Alert alert;
    private final ButtonType accept;

    private HostKeyDialog(Window owner, SshHostKey key) {
        accept = new ButtonType(Messages.get("editor.ssh.accept"), ButtonBar.ButtonData.OK_DONE);
        alert = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("editor.ssh.unknownHostKey", key.type(),
                key.fingerprint()), accept, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(Messages.get("editor.ssh.unknownHostKey.title"));
        alert.setHeaderText(Messages.get("editor.ssh.unknownHostKey.header"));
        alert.getDialogPane().setId("ssh-host-key-dialog");
        alert.getDialogPane().getStylesheets().add(Themes.stylesheet());
        ((Button) alert.getDialogPane().lookupButton(accept)).setId("ssh-accept-host-key");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("ssh-reject-host-key");
    }

    /** The key of a failure that is an unknown SSH host key (not a changed one). */
    static Optional<SshHostKey> unknown(Throwable failure) {
        return failure instanceof SourceException e ? e.sshFailure()
                .filter(f -> f.kind() == SshException.Kind.HOST_KEY_UNKNOWN)
                .flatMap(SshException::presentedHostKey) : Optional.empty();
    }

    /** Shows the question without waiting; {@code onAccept} runs when the key is accepted. */
    static void offer(Window owner, SshHostKey key, Runnable onAccept) {
        HostKeyDialog d = new HostKeyDialog(owner, key);
        d.alert.resultProperty().addListener((o, a, chosen) -> {
            if (chosen == d.accept) {
                onAccept.run();
            }
        });
        d.alert.show();
    }

    /** Shows the question and waits; true when the key is accepted. */
    static boolean ask(Window owner, SshHostKey key) {
        HostKeyDialog d = new HostKeyDialog(owner, key);
        return d.alert.showAndWait().filter(b -> b == d.accept).isPresent();
    }
}
