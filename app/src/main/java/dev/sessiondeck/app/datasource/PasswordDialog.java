package dev.sessiondeck.app.datasource;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.profile.DataSourceProfile;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for the password of a data source whose password is not saved (or no keychain keeps it). */
final class PasswordDialog extends Dialog<char[]> {

    private PasswordDialog(Window owner, DataSourceProfile profile, boolean keychainMissing) {
        initOwner(owner);
        setTitle(Messages.get("password.title", profile.name()));
        setHeaderText(Messages.get("password.header", profile.user(), profile.host() + ":" + profile.port()));
        PasswordField field = new PasswordField();
        field.setId("password-prompt-field");
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
        getDialogPane().setId("password-prompt");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().lookupButton(connect).setId("password-prompt-ok");
        setResultConverter(b -> b == connect ? field.getText().toCharArray() : null);
        Platform.runLater(field::requestFocus);
    }

    /** Shows the prompt and waits; empty when cancelled. */
    static Optional<char[]> ask(Window owner, DataSourceProfile profile, boolean keychainMissing) {
        return new PasswordDialog(owner, profile, keychainMissing).showAndWait();
    }
}
