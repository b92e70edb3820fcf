package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Popup;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The search icon in a column header, as on the OCP session page: it opens a small field whose text
 * filters the column (literal substring, any case). The icon is highlighted while the filter is set.
 */
final class ColumnSearch {

    private static final PseudoClass FILTERED = PseudoClass.getPseudoClass("filtered");

    private final Button button = new Button();
    private final String name;
    private final StringProperty search;
    /** The field's popup, made when it first opens: a column header shows only the icon. */
    private Popup popup;
    private TextField field;

    /**
     * Puts the icon into {@code column}'s header.
     *
     * @param name   the column's id, for node ids ({@code search-<name>}, {@code search-<name>-field})
     * @param search the view model's search text for that column
     */
    ColumnSearch(TableColumn<?, ?> column, String name, StringProperty search) {
        this.name = name;
        this.search = search;
        FontIcon icon = new FontIcon(Feather.SEARCH);
        button.setGraphic(icon);
        button.setId("search-" + name);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "column-search");
        button.setTooltip(new Tooltip(Messages.get("search.tip", column.getText())));
        button.setFocusTraversable(false);
        // the header sorts on release and reorders on drag: the icon's clicks stop here
        button.addEventHandler(MouseEvent.ANY, MouseEvent::consume);
        button.setOnAction(e -> toggle());

        search.addListener((o, a, b) -> button.pseudoClassStateChanged(FILTERED, !b.isEmpty()));
        button.pseudoClassStateChanged(FILTERED, !search.get().isEmpty());
        column.setGraphic(button);
        column.getStyleClass().add("searchable-column");
    }

    /** The popup with the field and Clear, made on the first call. */
    private Popup popup() {
        if (popup != null) {
            return popup;
        }
        popup = new Popup();
        field = new TextField();
        field.setId("search-" + name + "-field");
        field.setPromptText(Messages.get("search.prompt"));
        field.setPrefColumnCount(16);
        field.textProperty().bindBidirectional(search);
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
            }
        });
        Button clear = new Button(Messages.get("search.clear"), new FontIcon(Feather.X));
        clear.setId("search-" + name + "-clear");
        clear.getStyleClass().add(Styles.SMALL);
        clear.setOnAction(e -> {
            search.set("");
            popup.hide();
        });
        HBox box = new HBox(6, field, clear);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("column-search-popup");
        box.getStylesheets().add(Themes.stylesheet());
        popup.getContent().add(box);
        popup.setAutoHide(true);
        return popup;
    }

    /** Opens the field under the icon (or closes it). */
    void toggle() {
        if (popup != null && popup.isShowing()) {
            popup.hide();
            return;
        }
        Bounds b = button.localToScreen(button.getBoundsInLocal());
        if (b == null) {
            // the table is not shown yet (no data source open): nothing to search
            return;
        }
        popup().show(button, b.getMinX(), b.getMaxY() + 2);
        field.requestFocus();
        field.selectAll();
    }
}
