package dev.sessiondeck.app.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps the user's place in the session table while its rows change under it: the selection and
 * the focused row stay on the same sessions (rows are kept by identity, and a refresh updates a
 * session's row in place) across refreshes and filter changes, and after a refresh the rows the user
 * saw stay where they were, also when sessions above them came or went.
 *
 * <p>How: before a snapshot is applied, the visible rows and their offsets are noted; after it, the
 * first of them still shown is put back at its offset, in the next layout pass (the table knows its
 * new row count only then). The cost is a pass over the visible rows, plus one over the shown rows
 * when the selection or the first visible row moved: never per selected row times the rows.
 */
final class TablePlace {

    private final TableView<SessionRow> table;
    private final ObservableBooleanValue applying;
    private final ObservableBooleanValue refiltering;
    /** The selection and focused row the user made, kept while the rows change. */
    private List<SessionRow> keptSelection = List.of();
    private SessionRow keptFocus;
    /** The rows visible before a refresh, top to bottom, with their offsets; null when none is pending. */
    private List<Seen> seen;
    private boolean restorePending;
    /** The table's flow and the skin it was found in. */
    private VirtualFlow<?> flow;
    private javafx.scene.control.Skin<?> flowOf;

    /** A row the user saw, at {@code y} pixels from the top of the rows' viewport (negative when cut at the top). */
    private record Seen(SessionRow row, int index, double y) {
    }

    TablePlace(TableView<SessionRow> table, ObservableBooleanValue applying, ObservableBooleanValue refiltering) {
        this.table = Objects.requireNonNull(table, "table");
        this.applying = Objects.requireNonNull(applying, "applying");
        this.refiltering = Objects.requireNonNull(refiltering, "refiltering");
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<SessionRow>) c -> {
            if (!changing()) {
                keptSelection = selection();
            }
        });
        table.getFocusModel().focusedItemProperty().addListener((o, was, now) -> {
            if (!changing()) {
                keptFocus = now;
            }
        });
        applying.addListener((o, was, now) -> {
            if (now) {
                noteVisibleRows();
            } else {
                restoreSelection();
                restorePending = seen != null;
            }
        });
        refiltering.addListener((o, was, now) -> {
            if (!now) {
                restoreSelection();
            }
        });
        // a new sort or a scroll asked for after the refresh (Enter in the blocking view, a test's
        // scrollTo) says where to look now: the place noted before the refresh is let go
        table.comparatorProperty().addListener((o, was, now) -> forgetPlace());
        table.addEventHandler(javafx.scene.control.ScrollToEvent.ANY, e -> forgetPlace());
    }

    private void forgetPlace() {
        seen = null;
        restorePending = false;
    }

    private boolean changing() {
        return applying.get() || refiltering.get();
    }

    /** The selected rows, in selection order. */
    List<SessionRow> selection() {
        return table.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).toList();
    }

    private VirtualFlow<?> flow() {
        // looked up once per skin: a lookup parses its selector anew on every refresh
        if (flowOf != table.getSkin() || flow == null) {
            flowOf = table.getSkin();
            flow = table.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
        }
        return flow;
    }

    /** Notes the visible rows before a refresh changes them (unless notes of an earlier one still wait). */
    private void noteVisibleRows() {
        if (seen != null) {
            return;
        }
        VirtualFlow<?> flow = flow();
        if (flow == null || table.getItems().isEmpty()) {
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null) {
            return;
        }
        List<Seen> rows = new ArrayList<>();
        for (int i = first.getIndex(); i <= last.getIndex(); i++) {
            IndexedCell<?> cell = flow.getVisibleCell(i);
            if (cell != null && cell.getItem() instanceof SessionRow r) {
                rows.add(new Seen(r, i, cell.getLayoutY()));
            }
        }
        seen = rows.isEmpty() ? null : rows;
    }

    /** Puts the selection and the focus back on the rows the user chose, when the change moved them. */
    private void restoreSelection() {
        List<SessionRow> now = selection();
        SessionRow focused = table.getFocusModel().getFocusedItem();
        if (sameRows(now, keptSelection) && focused == keptFocus) {
            return;
        }
        List<SessionRow> keep = keptSelection;
        SessionRow keepFocus = keptFocus;
        Map<SessionRow, Integer> at = indexesOf(keep, keepFocus);
        List<Integer> select = new ArrayList<>(keep.size());
        for (SessionRow r : keep) {
            Integer i = at.get(r);
            if (i != null) {
                select.add(i);
            }
        }
        var sm = table.getSelectionModel();
        sm.clearSelection();
        if (!select.isEmpty()) {
            int[] rest = select.subList(1, select.size()).stream().mapToInt(Integer::intValue).toArray();
            sm.selectIndices(select.get(0), rest);
        }
        Integer focus = keepFocus == null ? null : at.get(keepFocus);
        if (focus != null) {
            table.getFocusModel().focus(focus);
        }
        // a row the filters hide stays chosen (it is selected again when shown again); a session that
        // ended is let go
        keptSelection = keep.stream().anyMatch(r -> r.ended) ? keep.stream().filter(r -> !r.ended).toList() : keep;
        keptFocus = keepFocus == null || keepFocus.ended ? table.getFocusModel().getFocusedItem() : keepFocus;
    }

    private static boolean sameRows(List<SessionRow> a, List<SessionRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shown indexes of the kept rows and the kept focus (those shown): one pass over the shown
     * rows that compares references only and stops once all are found, none when nothing is kept.
     * A map of every shown row to its index cost a keystroke over 100,000 rows more than the filter's
     * own pass (docs/benchmarks.md, {@code window.keystroke}), to find usually one row or none.
     */
    private Map<SessionRow, Integer> indexesOf(List<SessionRow> kept, SessionRow focus) {
        Map<SessionRow, Integer> at = new IdentityHashMap<>();
        if (kept.size() >= 16) {
            return indexes();
        }
        SessionRow[] wanted = new SessionRow[kept.size() + 1];
        int n = 0;
        for (SessionRow r : kept) {
            n = addOnce(wanted, n, r);
        }
        if (focus != null) {
            n = addOnce(wanted, n, focus);
        }
        int missing = n;
        List<SessionRow> items = table.getItems();
        for (int i = 0, size = items.size(); i < size && missing > 0; i++) {
            SessionRow r = items.get(i);
            for (int k = 0; k < n; k++) {
                if (wanted[k] == r) {
                    at.put(r, i);
                    missing--;
                }
            }
        }
        return at;
    }

    private static int addOnce(SessionRow[] rows, int n, SessionRow r) {
        for (int k = 0; k < n; k++) {
            if (rows[k] == r) {
                return n;
            }
        }
        rows[n] = r;
        return n + 1;
    }

    /** Each shown row's index: one pass over the shown rows. */
    private Map<SessionRow, Integer> indexes() {
        List<SessionRow> items = table.getItems();
        Map<SessionRow, Integer> at = new IdentityHashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) {
            at.put(items.get(i), i);
        }
        return at;
    }

    /**
     * Runs before each layout pass: after a refresh, puts the first row the user saw that is still
     * shown back where it was. Lays the table out first when it must (its new row count).
     */
    void beforeLayout() {
        if (!restorePending) {
            return;
        }
        restorePending = false;
        List<Seen> before = seen;
        seen = null;
        VirtualFlow<?> flow = flow();
        if (before == null || flow == null) {
            return;
        }
        List<SessionRow> items = table.getItems();
        // usually nothing above moved: the first row seen is where it was
        Seen first = before.get(0);
        if (first.index() < items.size() && items.get(first.index()) == first.row()) {
            return;
        }
        Map<SessionRow, Integer> at = null;
        for (Seen s : before) {
            Integer i = s.index() < items.size() && items.get(s.index()) == s.row() ? Integer.valueOf(s.index()) : null;
            if (i == null) {
                if (at == null) {
                    at = indexes();
                }
                i = at.get(s.row());
            }
            if (i != null) {
                // laid out with the new row count, then at the row, then moved by its offset (cells must
                // stand where the flow's position says before it can scroll by pixels)
                table.layout();
                flow.scrollToTop(i);
                if (s.y() != 0) {
                    table.layout();
                    flow.scrollPixels(-s.y());
                }
                return;
            }
        }
    }
}
