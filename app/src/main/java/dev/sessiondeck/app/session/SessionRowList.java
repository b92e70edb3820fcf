package dev.sessiondeck.app.session;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javafx.collections.ObservableListBase;

/**
 * The rows of one data source, with changes fired in batches: a snapshot's updates reach the
 * filtered and sorted lists as one change, so that they refilter and sort once per refresh and not
 * once per row (an extractor would fire per property per row: ten thousand sorts for ten thousand
 * sessions).
 */
final class SessionRowList extends ObservableListBase<SessionRow> {

    private final List<SessionRow> rows = new ArrayList<>();

    @Override
    public SessionRow get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** Appends rows, as one change. */
    void append(Collection<SessionRow> added) {
        if (added.isEmpty()) {
            return;
        }
        beginChange();
        int from = rows.size();
        rows.addAll(added);
        nextAdd(from, rows.size());
        endChange();
    }

    /**
     * Removes the rows {@code gone} accepts, as one change of the removals where they stood (one pass:
     * a busy listing's first apply removes thousands). The window's sorted list ({@link SortedRows})
     * takes them out in one pass too. JavaFX 21's own {@code SortedList} could not: it passed such a
     * change on with a removal beyond its end, which threw in the {@code FilteredList} after it
     * (JDK-8237868, fixed after 21; {@code SessionRowListTest} shows it), and replacing the whole list
     * instead made it sort every row again.
     */
    void removeWhere(Predicate<SessionRow> gone) {
        int write = 0;
        boolean changing = false;
        for (int read = 0; read < rows.size(); read++) {
            SessionRow r = rows.get(read);
            if (gone.test(r)) {
                if (!changing) {
                    beginChange();
                    changing = true;
                }
                nextRemove(write, r);
            } else {
                rows.set(write++, r);
            }
        }
        if (changing) {
            rows.subList(write, rows.size()).clear();
            endChange();
        }
    }

    /**
     * Tells listeners that the rows at these indexes changed their values, as one update of the range
     * from the first to the last of them: a sorted list sorts its rows again for each update range
     * it is told of, so scattered rows as separate ranges would cost one sort each. The rows in
     * between are told too, which costs a filter test each.
     */
    void fireUpdated(BitSet indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        beginChange();
        for (int i = indexes.nextSetBit(0), last = indexes.length() - 1; i <= last; i++) {
            nextUpdate(i);
        }
        endChange();
    }

    /** Removes every row, as one change. */
    void clearAll() {
        if (rows.isEmpty()) {
            return;
        }
        beginChange();
        nextRemove(0, new ArrayList<>(rows));
        rows.clear();
        endChange();
    }
}
