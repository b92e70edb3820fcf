package dev.sessiondeck.app.session;

import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Gives the SQL column the table's spare width: the width the other shown columns leave, or the
 * width the user dragged it to (its {@link #base()}), whichever is larger. The user still resizes
 * every column; dragging the SQL column sets its base, which the layout memory keeps. The other
 * columns' widths are the user's alone (unlike a constrained resize policy, which squeezes them all).
 */
final class SqlColumnFill {

    private final TableView<SessionRow> table;
    private final TableColumn<SessionRow, ?> sql;
    private final InvalidationListener refill = o -> fill();
    /** The SQL column's width without the spare: declared, remembered or dragged by the user. */
    private double base;
    private ScrollBar vbar;
    private boolean filling;

    SqlColumnFill(TableView<SessionRow> table, TableColumn<SessionRow, ?> sql) {
        this.table = Objects.requireNonNull(table, "table");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.base = sql.getPrefWidth();
        table.setColumnResizePolicy(f -> {
            boolean done;
            // no filling in between: the width the drag gives is the base, not the old base's fill
            filling = true;
            try {
                done = TableView.UNCONSTRAINED_RESIZE_POLICY.call(f);
            } finally {
                filling = false;
            }
            if (f.getColumn() == sql) {
                // the user dragged the SQL column's edge: that width is now its own (a drag sets the
                // column's width, not its preferred width, which would take it back at the next change)
                base = sql.getWidth();
                filling = true;
                sql.setPrefWidth(base);
                filling = false;
            }
            fill();
            return done;
        });
        table.widthProperty().addListener(refill);
        sql.visibleProperty().addListener(refill);
        table.getColumns().forEach(c -> c.widthProperty().addListener(refill));
        table.getColumns().addListener((ListChangeListener<TableColumn<SessionRow, ?>>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(col -> col.widthProperty().removeListener(refill));
                c.getAddedSubList().forEach(col -> col.widthProperty().addListener(refill));
            }
            fill();
        });
        table.getVisibleLeafColumns().addListener((ListChangeListener<TableColumn<SessionRow, ?>>) c -> fill());
        // the vertical scroll bar takes width from the rows when it shows; it exists with the skin
        table.skinProperty().addListener((o, a, skin) -> {
            if (vbar != null) {
                vbar.visibleProperty().removeListener(refill);
                vbar.widthProperty().removeListener(refill);
            }
            vbar = skin == null ? null : verticalBar();
            if (vbar != null) {
                vbar.visibleProperty().addListener(refill);
                vbar.widthProperty().addListener(refill);
            }
            fill();
        });
    }

    /** The SQL column's width without the spare, in pixels; what the layout memory keeps. */
    double base() {
        return base;
    }

    /** Sets the SQL column's width without the spare (a remembered layout). */
    void setBase(double width) {
        base = width;
        filling = true;
        sql.setPrefWidth(width);
        filling = false;
        fill();
    }

    private ScrollBar verticalBar() {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL
                    && bar.getParent() != null && bar.getParent().getStyleClass().contains("virtual-flow")) {
                return bar;
            }
        }
        return null;
    }

    /** Sets the SQL column's width to its base or the spare width, whichever is larger. */
    void fill() {
        if (filling || !sql.isVisible() || table.getWidth() <= 0) {
            return;
        }
        double content = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset()
                - (vbar != null && vbar.isVisible() ? vbar.getWidth() : 0);
        double others = 0;
        for (TableColumn<SessionRow, ?> c : table.getVisibleLeafColumns()) {
            if (c != sql) {
                others += c.getWidth();
            }
        }
        double width = Math.max(base, Math.floor(content - others));
        if (Math.abs(sql.getPrefWidth() - width) >= 0.5) {
            filling = true;
            try {
                sql.setPrefWidth(width);
            } finally {
                filling = false;
            }
        }
    }
}
