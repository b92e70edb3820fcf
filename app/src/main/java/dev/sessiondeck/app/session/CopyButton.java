package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Copy button of a dialog: puts a text on the clipboard, then says Copied. */
final class CopyButton {

    private CopyButton() {
    }

    /**
     * @param id      the button's id
     * @param textKey the message key of its text
     * @param tipKey  the message key of its tooltip
     * @param text    what it copies, asked when it is pressed
     */
    static Button of(String id, String textKey, String tipKey, Supplier<String> text) {
        Button copy = new Button(Messages.get(textKey), new FontIcon(Feather.COPY));
        copy.setId(id);
        copy.setTooltip(new Tooltip(Messages.get(tipKey)));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(Messages.get("sql.copied"));
            copy.getStyleClass().add(Styles.SUCCESS);
        });
        return copy;
    }
}
