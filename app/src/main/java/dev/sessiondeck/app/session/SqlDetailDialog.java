package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The full SQL of one session: monospaced, laid out for reading, read-only and selectable; Copy
 * puts the exact original text (not the laid-out one) on the system clipboard. A statement longer
 * than {@link SqlText#SHOWN_LENGTH} is shown cut, with a note; Copy still gives all of it.
 */
final class SqlDetailDialog extends Dialog<Void> {

    SqlDetailDialog(Window owner, Session session) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(Messages.get("sql.title", session.id()));
        String sql = session.sql().orElse("");

        String none = session.attribute(StandardAttributes.SQL_UNAVAILABLE).map(words -> Messages.get("sql.hidden", words))
                .orElse(Messages.get("sql.none"));
        String shown = SqlText.cut(sql, SqlText.SHOWN_LENGTH);
        TextArea text = new TextArea(sql.isEmpty() ? none : SqlText.format(shown));
        text.setId("sql-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("sql-text");
        text.setPrefSize(720, 360);
        VBox.setVgrow(text, Priority.ALWAYS);

        Button copy = CopyButton.of("copy-sql-button", "sql.copy", "sql.copy.tip", () -> sql);
        copy.setDisable(sql.isEmpty());

        Label cut = new Label(Messages.get("sql.cut", shown.length(), sql.length()));
        cut.setId("sql-cut-note");
        cut.getStyleClass().add(Styles.TEXT_MUTED);
        cut.setWrapText(true);
        cut.setVisible(shown.length() < sql.length());
        cut.setManaged(cut.isVisible());

        VBox box = new VBox(8, text, cut, new HBox(copy));
        box.setPadding(new Insets(4, 0, 0, 0));
        getDialogPane().setId("sql-dialog");
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("sql-close-button");
    }
}
