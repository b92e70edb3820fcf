package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;

/**
 * The full SQL of one session in a read-only, highlighted {@link CodeArea}: laid out by
 * sql-formatter for the data source's dialect ("Formatted"), or exactly as the server gave it
 * ("Original"), one click apart. The layout and the highlighting are made in the background
 * ({@link SessionsViewModel#prepareSql}) and arrive through {@link #show(SqlLayout.Prepared)}; until
 * then a progress indicator turns. Copy always puts the exact original text on the clipboard. A
 * statement longer than {@link SqlText#SHOWN_LENGTH} is shown cut, with a note; one that was not
 * formatted says why.
 */
final class SqlDetailDialog extends Dialog<Void> {

    private final CodeArea text = new CodeArea();
    private final ToggleButton formatted = new ToggleButton(Messages.get("sql.view.formatted"));
    private final ToggleButton original = new ToggleButton(Messages.get("sql.view.original"));
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label cut = note("sql-cut-note");
    private final Label formatNote = note("sql-format-note");
    private SqlLayout.Prepared prepared;

    SqlDetailDialog(Window owner, Session session) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(Messages.get("sql.title", session.id()));
        String sql = session.sql().orElse("");

        text.setId("sql-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("sql-text");
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(text);
        scroll.setPrefSize(760, 380);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        ToggleGroup views = new ToggleGroup();
        formatted.setId("sql-formatted-toggle");
        formatted.setTooltip(new Tooltip(Messages.get("sql.view.formatted.tip")));
        formatted.getStyleClass().add(Styles.LEFT_PILL);
        original.setId("sql-original-toggle");
        original.setTooltip(new Tooltip(Messages.get("sql.view.original.tip")));
        original.getStyleClass().add(Styles.RIGHT_PILL);
        views.getToggles().addAll(formatted, original);
        formatted.setSelected(true);
        // a pressed button stays pressed: one of the two is always shown
        views.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                views.selectToggle(was);
            } else {
                showView();
            }
        });
        formatted.setDisable(true);
        original.setDisable(true);

        progress.setId("sql-progress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        Label preparing = new Label(Messages.get("sql.preparing"));
        preparing.getStyleClass().add(Styles.TEXT_MUTED);
        preparing.visibleProperty().bind(progress.visibleProperty());
        HBox viewBar = new HBox(8, formatted, original, progress, preparing);
        viewBar.setAlignment(Pos.CENTER_LEFT);

        Button copy = CopyButton.of("copy-sql-button", "sql.copy", "sql.copy.original.tip", () -> sql);
        copy.setDisable(sql.isEmpty());

        VBox box = new VBox(8, viewBar, scroll, formatNote, cut, new HBox(copy));
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(800);
        if (sql.isEmpty()) {
            String none = session.attribute(StandardAttributes.SQL_UNAVAILABLE).map(words -> Messages.get("sql.hidden", words))
                    .orElse(Messages.get("sql.none"));
            text.replaceText(none);
            progress.setVisible(false);
        }
        getDialogPane().setId("sql-dialog");
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("sql-close-button");
        // the window opened 600 px wide whatever the content's preferred width; held to it for the
        // first layout only, so that it can still be made narrower
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        setOnShown(e -> getDialogPane().setMinWidth(Region.USE_COMPUTED_SIZE));
    }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setVisible(false);
        l.setManaged(false);
        return l;
    }

    private static void say(Label label, Optional<String> words) {
        label.setText(words.orElse(""));
        label.setVisible(words.isPresent());
        label.setManaged(words.isPresent());
    }

    /** Shows the prepared views (on the JavaFX thread): the formatted one, unless there is none. */
    void show(SqlLayout.Prepared views) {
        prepared = views;
        progress.setVisible(false);
        progress.setManaged(false);
        boolean both = views.unformatted().isEmpty();
        if (!both) {
            // what is shown is the original: say so, and offer no other
            original.setSelected(true);
        }
        formatted.setDisable(!both);
        original.setDisable(!both);
        say(formatNote, views.unformatted().map(why -> Messages.get(why.messageKey, SqlLayout.FORMAT_LIMIT)));
        say(cut, views.cut() ? Optional.of(Messages.get("sql.cut", views.original().text().length(), views.length()))
                : Optional.empty());
        showView();
    }

    private void showView() {
        if (prepared == null) {
            return;
        }
        SqlLayout.View view = formatted.isSelected() ? prepared.formatted() : prepared.original();
        text.replace(0, text.getLength(), view.document());
        text.moveTo(0);
        text.showParagraphAtTop(0);
    }
}
