package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.ssh.SshAuth;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the password of a data source whose password is not saved (or no keychain keeps it), or
 * for its SSH tunnel's password or key passphrase.
 */
final class PasswordDialog extends Dialog<char[]> {

    private PasswordDialog(Window owner, DataSourceProfile profile, boolean keychainMissing, boolean ssh) {
        initOwner(owner);
        setTitle(Messages.get("password.title", profile.name()));
        setHeaderText(ssh ? Messages.get(profile.sshTunnel().orElseThrow().auth() == SshAuth.PASSWORD
                        ? "password.ssh.header" : "password.ssh.passphrase", profile.sshTunnel().get().user(),
                profile.sshTunnel().get().host() + ":" + profile.sshTunnel().get().port(), profile.sshTunnel().get().keyFile())
                : Messages.get("password.header", profile.user(), profile.host() + ":" + profile.port()));
        PasswordField field = new PasswordField();
        field.setId(ssh ? "ssh-password-prompt-field" : "password-prompt-field");
        VBox box = new VBox(8, field);
        if (keychainMissing && profile.savePassword()) {
            Label note = new Label(Messages.get("password.memoryOnly"));
            note.setId("password-prompt-note");
            note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
            note.setWrapText(true);
            note.setMaxWidth(360);
            box.getChildren().add(note);
        }
        ButtonType connect = new ButtonType(Messages.get("editor.connect"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        getDialogPane().setContent(box);
        getDialogPane().setId(ssh ? "ssh-password-prompt" : "password-prompt");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().lookupButton(connect).setId(ssh ? "ssh-password-prompt-ok" : "password-prompt-ok");
        setResultConverter(b -> b == connect ? field.getText().toCharArray() : null);
        Platform.runLater(field::requestFocus);
    }

    /** Shows the prompt and waits; empty when cancelled. */
    static Optional<char[]> ask(Window owner, DataSourceProfile profile, boolean keychainMissing) {
        return new PasswordDialog(owner, profile, keychainMissing, false).showAndWait();
    }

    /** Asks for the SSH tunnel's password or key passphrase (not saved) and waits; empty when cancelled. */
    static Optional<char[]> askSsh(Window owner, DataSourceProfile profile) {
        return new PasswordDialog(owner, profile, false, true).showAndWait();
    }
}
