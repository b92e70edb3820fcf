package dev.sessiondeck.app.session;

import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The small tables of the dialogs (the sessions a confirmation lists, the results of an action, the
 * details of a session) with each column as wide as its widest text, header included, up to
 * {@link #LIMIT}; a cell whose text is wider than its column shows the whole text in a tooltip.
 * Measured with the fonts the table's cells and headers have once styled, so on the dialog's first
 * showing ({@link #fitWhenShown}).
 */
final class FittedColumns {

    /** The widest a column gets, in pixels; wider text is cut with "…" and whole in the cell's tooltip. */
    static final double LIMIT = 480;
    /** Text longer than this many characters is wider than {@link #LIMIT} in any font a table uses. */
    private static final int MEASURED_LENGTH = 200;
    /** The rows measured: a confirmation of thousands of sessions should not measure each. */
    private static final int MEASURED_ROWS = 500;
    /** Room for the sort arrow and the header's own spacing beside the title. */
    private static final double HEADER_EXTRA = 14;

    private FittedColumns() {
    }

    /** A read-only text column titled {@code title}, whose cells show a tooltip when cut. */
    static <S> TableColumn<S, String> column(String title, Function<S, String> value) {
        TableColumn<S, String> col = new TableColumn<>(title);
        col.setSortable(false);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || !wider(this, item) ? null : new Tooltip(item));
            }
        });
        // a tooltip for the cells that the user narrowed by dragging the header
        col.widthProperty().addListener((o, a, b) -> {
            if (col.getTableView() != null) {
                col.getTableView().refresh();
            }
        });
        return col;
    }

    /** True when {@code text} does not fit into {@code cell} as it is wide now. */
    private static boolean wider(TableCell<?, ?> cell, String text) {
        double room = (cell.getTableColumn() == null ? LIMIT : cell.getTableColumn().getWidth())
                - horizontal(cell.getPadding()) - 2;
        return text.length() > MEASURED_LENGTH || textWidth(text, cell.getFont()) > room;
    }

    /** Sizes {@code table}'s columns to their text, then the dialog's window to the table, once it shows. */
    static void fitWhenShown(Dialog<?> dialog, TableView<?> table) {
        dialog.setOnShown(e -> {
            fit(table);
            // the window takes its first size after this event: grown on the next turn
            Platform.runLater(() -> widen(dialog.getDialogPane()));
        });
    }

    /** Widens the pane's window to the pane's preferred width, about its centre (over its owner). */
    private static void widen(DialogPane pane) {
        Window w = pane.getScene() == null ? null : pane.getScene().getWindow();
        double wanted = pane.prefWidth(-1);
        if (w != null && w.isShowing() && !Double.isNaN(w.getWidth()) && wanted > pane.getWidth()) {
            // the window's width includes its decorations, the pane's does not; it stays on its screen
            Rectangle2D screen = Screen.getScreensForRectangle(w.getX(), w.getY(), w.getWidth(), w.getHeight())
                    .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
            double width = Math.min(screen.getWidth(), w.getWidth() + wanted - pane.getWidth());
            double x = w.getX() - (width - w.getWidth()) / 2;
            w.setWidth(width);
            w.setX(Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width)));
        }
    }

    /**
     * Gives each column of {@code table} the width of its widest text (its cells' and its title's),
     * up to {@link #LIMIT}, and the table the width of its columns. The table must have been laid
     * out (shown), so that its cells have their fonts.
     */
    static void fit(TableView<?> table) {
        table.applyCss();
        table.layout();
        Labeled sampleCell = sample(table, ".table-cell");
        Labeled sampleHeader = sample(table, ".column-header .label");
        Font cellFont = sampleCell == null ? Font.getDefault() : sampleCell.getFont();
        double cellPadding = sampleCell == null ? 16 : horizontal(sampleCell.getPadding());
        Font headerFont = sampleHeader == null ? cellFont : sampleHeader.getFont();
        // the title's own padding, and its header's around it
        double headerPadding = HEADER_EXTRA + (sampleHeader == null ? 16 : horizontal(sampleHeader.getPadding())
                + (sampleHeader.getParent() instanceof Region r ? horizontal(r.getPadding()) : 0));
        double total = 0;
        for (TableColumn<?, ?> col : table.getVisibleLeafColumns()) {
            double widest = textWidth(col.getText(), headerFont) + headerPadding;
            int rows = Math.min(table.getItems().size(), MEASURED_ROWS);
            for (int i = 0; i < rows && widest < LIMIT; i++) {
                Object value = col.getCellData(i);
                String text = value == null ? "" : value.toString();
                widest = Math.max(widest, text.length() > MEASURED_LENGTH ? LIMIT
                        : textWidth(text, cellFont) + cellPadding + 2);
            }
            double width = Math.ceil(Math.min(LIMIT, widest));
            col.setPrefWidth(width);
            total += width;
        }
        // the table's border and a vertical scroll bar; never wider than most of the screen
        double screen = Screen.getPrimary().getVisualBounds().getWidth() * 0.9;
        table.setPrefWidth(Math.min(screen, total + horizontal(table.getInsets()) + 18));
    }

    /** The width {@code text} takes in {@code font}, on one line. */
    static double textWidth(String text, Font font) {
        Text t = new Text(text == null ? "" : text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private static Labeled sample(TableView<?> table, String selector) {
        for (Node n : table.lookupAll(selector)) {
            if (n instanceof Labeled l && (l instanceof Label || l instanceof TableCell<?, ?>)) {
                return l;
            }
        }
        return null;
    }

    private static double horizontal(Insets insets) {
        return insets == null ? 0 : insets.getLeft() + insets.getRight();
    }
}
