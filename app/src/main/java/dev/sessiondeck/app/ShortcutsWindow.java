package dev.sessiondeck.app;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.session.Shortcut;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Help &gt; Keyboard Shortcuts: every entry of {@link Shortcut}, what it does in the window's
 * language and its key as the platform writes it. A window that does not block, so the user can
 * try the keys beside it.
 */
final class ShortcutsWindow extends Dialog<Void> {

    private ShortcutsWindow(Window owner) {
        initOwner(owner);
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(Messages.get("shortcuts.title"));
        TableView<Shortcut> table = new TableView<>(FXCollections.observableArrayList(List.of(Shortcut.values())));
        table.setId("shortcuts-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        TableColumn<Shortcut, String> action = new TableColumn<>(Messages.get("shortcuts.action"));
        action.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().tableOnly()
                ? Messages.get("shortcuts.tableOnly", f.getValue().title()) : f.getValue().title()));
        action.setPrefWidth(470);
        action.setSortable(false);
        TableColumn<Shortcut, String> key = new TableColumn<>(Messages.get("shortcuts.key"));
        key.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().keyText()));
        key.setPrefWidth(130);
        key.setSortable(false);
        table.getColumns().add(action);
        table.getColumns().add(key);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // every line without scrolling on a common screen: 26 lines of 28 px and the header
        table.setPrefSize(640, Math.min(820, 44 + 29 * Shortcut.values().length));
        getDialogPane().setContent(table);
        getDialogPane().setId("shortcuts-dialog");
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("shortcuts-close");
    }

    /** Opens the list; does not wait. */
    static void show(Window owner) {
        new ShortcutsWindow(owner).show();
    }
}
