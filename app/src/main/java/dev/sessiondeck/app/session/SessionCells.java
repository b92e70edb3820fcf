package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.SessionState;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;

/**
 * How the session table draws: a cell per column from its value type ({@link ValueText}), the SQL
 * as a one-line preview that opens the full text on a click, and rows highlighted for long-running,
 * new, stale, own and grouped sessions and for root blockers ({@link BlockerBadge}).
 */
final class SessionCells {

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass OWN = PseudoClass.getPseudoClass("own");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass GROUP_MEMBER = PseudoClass.getPseudoClass("group-member");
    private static final PseudoClass IDLE_IN_TRANSACTION = PseudoClass.getPseudoClass("idle-in-transaction");
    private static final PseudoClass NOT_SQL = PseudoClass.getPseudoClass("not-sql");

    private final Consumer<SessionRow> showSql;

    /** @param showSql opens the full SQL of a row (a click on its SQL, a double-click on the row) */
    SessionCells(Consumer<SessionRow> showSql) {
        this.showSql = showSql;
    }

    TableCell<SessionRow, Object> cell(SessionColumn column) {
        return column == SessionColumn.SQL ? new SqlCell() : new ValueCell(column);
    }

    TableRow<SessionRow> row() {
        return new SessionTableRow();
    }

    private static final class ValueCell extends TableCell<SessionRow, Object> {
        private final SessionColumn column;
        /** On the id: how many sessions a root blocker holds up. */
        private final BlockerBadge badge;

        ValueCell(SessionColumn column) {
            this.column = column;
            this.badge = column == SessionColumn.ID ? new BlockerBadge(this) : null;
            if (column == SessionColumn.ID) {
                getStyleClass().add("id-cell");
            }
            if (column.attribute().numeric() || column == SessionColumn.ID) {
                setAlignment(Pos.CENTER_RIGHT);
            }
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : column.text(item));
            if (badge != null) {
                badge.follow(empty || getTableRow() == null ? null : getTableRow().getItem());
            }
            if (column == SessionColumn.STATUS) {
                pseudoClassStateChanged(IDLE_IN_TRANSACTION, !empty && (SessionState.IDLE_IN_TRANSACTION.label().equals(item)
                        || SessionState.IDLE_IN_TRANSACTION_ABORTED.label().equals(item)));
            }
        }
    }

    /** A one-line preview with an ellipsis; a click on an active session's SQL opens the full text. */
    private final class SqlCell extends TableCell<SessionRow, Object> {
        SqlCell() {
            setTextOverrun(OverrunStyle.ELLIPSIS);
            getStyleClass().add("sql-cell");
            setOnMouseClicked(e -> {
                SessionRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (isEmpty() || row == null || e.getButton() != MouseButton.PRIMARY || !row.isActive()) {
                    return;
                }
                e.consume();
                if (e.getClickCount() == 1) {
                    showSql.accept(row);
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : SqlText.preview((String) item));
            SessionRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            // "<insufficient privilege>" is what the server says instead of the SQL, not SQL
            pseudoClassStateChanged(NOT_SQL, row != null && row.getSession().sql().isEmpty() && item != null);
        }
    }

    /** Highlights long-running, new and own sessions; double-click shows the SQL. */
    private final class SessionTableRow extends TableRow<SessionRow> {
        private final InvalidationListener restyle = o -> restyle();
        // made when first needed: a Tooltip is a popup control with its own CSS, and most rows are
        // neither our own connection nor stale (two per row made the first listing's rows dearer)
        private Tooltip ownTip;
        private Tooltip staleTip;
        private SessionRow observed;

        SessionTableRow() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                    showSql.accept(getItem());
                }
            });
        }

        @Override
        protected void updateItem(SessionRow item, boolean empty) {
            super.updateItem(item, empty);
            if (observed != null) {
                observed.highlightProperty().removeListener(restyle);
                observed.freshProperty().removeListener(restyle);
                observed.staleReasonProperty().removeListener(restyle);
                observed.groupMemberProperty().removeListener(restyle);
                observed.holdsUpProperty().removeListener(restyle);
            }
            observed = empty ? null : item;
            if (observed != null) {
                observed.highlightProperty().addListener(restyle);
                observed.freshProperty().addListener(restyle);
                observed.staleReasonProperty().addListener(restyle);
                observed.groupMemberProperty().addListener(restyle);
                observed.holdsUpProperty().addListener(restyle);
            }
            restyle();
        }

        private void restyle() {
            SessionRow.Highlight h = observed == null ? SessionRow.Highlight.NONE : observed.getHighlight();
            pseudoClassStateChanged(WARNING, h == SessionRow.Highlight.WARNING);
            pseudoClassStateChanged(DANGER, h == SessionRow.Highlight.DANGER);
            pseudoClassStateChanged(FRESH, observed != null && observed.isFresh());
            // a row under its group's head (same id on another OBServer, a parallel worker) is marked
            pseudoClassStateChanged(GROUP_MEMBER, observed != null && observed.groupMemberProperty().get());
            pseudoClassStateChanged(BlockerBadge.ROOT_BLOCKER, observed != null && observed.getHoldsUp() > 0);
            boolean own = observed != null && observed.isOwn();
            pseudoClassStateChanged(OWN, own);
            boolean stale = observed != null && observed.isStale();
            pseudoClassStateChanged(STALE, stale);
            if (stale) {
                if (staleTip == null) {
                    staleTip = new Tooltip();
                }
                staleTip.setText(Messages.get("status.stale", observed.staleReasonProperty().get()));
            } else if (own && ownTip == null) {
                ownTip = new Tooltip(Messages.get("table.own.tip"));
            }
            setTooltip(stale ? staleTip : own ? ownTip : null);
        }
    }
}
