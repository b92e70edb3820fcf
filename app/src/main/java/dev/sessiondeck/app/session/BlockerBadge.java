package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The mark of a root blocker in the session table: a badge with a lock and how many sessions it
 * holds up, beside its id, following the row the cell shows ({@link SessionRow#holdsUpProperty()}).
 * The row itself carries the {@value #PSEUDO_CLASS} pseudo-class ({@link SessionCells}): a pseudo-class,
 * not a style class, so that marking a row restyles that row alone.
 */
final class BlockerBadge {

    static final String PSEUDO_CLASS = "root-blocker";
    static final PseudoClass ROOT_BLOCKER = PseudoClass.getPseudoClass(PSEUDO_CLASS);

    private final TableCell<SessionRow, ?> cell;
    private final InvalidationListener changed = o -> show();
    private SessionRow watched;
    /** Made for the first root blocker the cell shows: most cells never show one. */
    private Label badge;

    BlockerBadge(TableCell<SessionRow, ?> cell) {
        this.cell = cell;
    }

    /** Shows the badge of {@code row} (null for an empty cell) and follows it. */
    void follow(SessionRow row) {
        if (row != watched) {
            if (watched != null) {
                watched.holdsUpProperty().removeListener(changed);
            }
            watched = row;
            if (row != null) {
                row.holdsUpProperty().addListener(changed);
            }
        }
        show();
    }

    private void show() {
        int n = watched == null ? 0 : watched.getHoldsUp();
        if (n == 0) {
            cell.setGraphic(null);
            return;
        }
        if (badge == null) {
            badge = new Label(null, new FontIcon(Feather.LOCK));
            badge.getStyleClass().add("blocker-badge");
            badge.setContentDisplay(ContentDisplay.LEFT);
            badge.setTooltip(new Tooltip());
        }
        badge.setText(Integer.toString(n));
        badge.getTooltip().setText(Messages.get("blocking.badge.tip", n));
        cell.setGraphic(badge);
    }
}
