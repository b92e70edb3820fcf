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

    /** Up to this many rows going are removed one change each ({@link #removeWhere}). */
    static final int ONE_BY_ONE = 32;

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
     * Removes the rows {@code gone} accepts. A few go one change each, from the last; more go as one
     * change that replaces the whole list with the rows that stay (the sorted list then sorts those
     * once). Never as one change of scattered removals: JavaFX 21's {@code SortedList} passes such a
     * change on with its removals at scattered sorted places, and the change it fires can then name a
     * place beyond its end, which throws in the {@code FilteredList} after it
     * (JDK-8237868, fixed after 21; {@code SessionRowListTest} shows it).
     */
    void removeWhere(Predicate<SessionRow> gone) {
        BitSet at = new BitSet(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (gone.test(rows.get(i))) {
                at.set(i);
            }
        }
        int count = at.cardinality();
        if (count == 0) {
            return;
        }
        if (count <= ONE_BY_ONE) {
            for (int i = at.length() - 1; i >= 0; i = at.previousSetBit(i - 1)) {
                beginChange();
                nextRemove(i, rows.remove(i));
                endChange();
            }
            return;
        }
        List<SessionRow> before = new ArrayList<>(rows);
        rows.clear();
        for (int i = at.nextClearBit(0); i < before.size(); i = at.nextClearBit(i + 1)) {
            rows.add(before.get(i));
        }
        beginChange();
        nextRemove(0, before);
        nextAdd(0, rows.size());
        endChange();
    }

    /**
     * Tells listeners that the rows at these indexes changed their values, as one update of the range
     * from the first to the last of them: a {@code SortedList} sorts all its rows again for each
     * update range it is told of, so scattered rows as separate ranges cost one full sort each. The
     * rows in between are told too, which costs a filter test each.
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
