package dev.sessiondeck.app.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The rows in the table's order, as JavaFX's {@code SortedList} keeps them, but with a source change
 * of many rows handled at once: the rows that left go in one pass over the list, the rows that came
 * are sorted among themselves and each placed by a binary search, so that a refresh where 100 of
 * 10,000 sessions ended and 100 began costs one pass and a few thousand comparisons. JavaFX's list
 * shifts its whole index for every row that comes or goes (O(n) each: two thirds of the apply's list
 * work in the profile of docs/benchmarks.md, {@code window.apply}).
 *
 * <p>As {@code SortedList}: with no comparator the source's order; rows the source says were updated
 * are placed again by a permutation (the table's selection follows it), then reported updated; a new
 * comparator sorts again by a permutation; the sort is stable (rows that compare equal keep the order
 * they came in). Rows must be in the source once each. Touched on the UI thread only.
 */
final class SortedRows extends TransformationList<SessionRow, SessionRow> {

    private final ObjectProperty<Comparator<? super SessionRow>> comparator = new SimpleObjectProperty<>(this, "comparator") {
        @Override
        protected void invalidated() {
            resort();
        }
    };
    private SessionRow[] rows = new SessionRow[0];
    private int size;

    SortedRows(ObservableList<SessionRow> source) {
        super(source);
        size = source.size();
        rows = source.toArray(new SessionRow[0]);
    }

    /** The table's order; null for the source's. */
    ObjectProperty<Comparator<? super SessionRow>> comparatorProperty() {
        return comparator;
    }

    Comparator<? super SessionRow> getComparator() {
        return comparator.get();
    }

    @Override
    public SessionRow get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return rows[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** O(n): nothing here asks for it in a loop. */
    @Override
    public int getSourceIndex(int index) {
        return getSource().indexOf(get(index));
    }

    /** O(n): nothing here asks for it in a loop. */
    @Override
    public int getViewIndex(int index) {
        SessionRow r = getSource().get(index);
        for (int i = 0; i < size; i++) {
            if (rows[i] == r) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends SessionRow> c) {
        List<SessionRow> removed = new ArrayList<>();
        List<SessionRow> added = new ArrayList<>();
        List<SessionRow> updated = new ArrayList<>();
        boolean permuted = false;
        while (c.next()) {
            if (c.wasPermutated()) {
                permuted = true;
            } else if (c.wasUpdated()) {
                updated.addAll(c.getList().subList(c.getFrom(), c.getTo()));
            } else {
                removed.addAll(c.getRemoved());
                added.addAll(c.getAddedSubList());
            }
        }
        beginChange();
        try {
            removeAll(removed);
            if (comparator.get() == null) {
                // the source's order: the added rows where the source has them
                addInSourceOrder(added);
            } else {
                insertAll(added);
            }
        } finally {
            endChange();
        }
        if (!updated.isEmpty() || permuted && comparator.get() == null) {
            beginChange();
            try {
                permute();
                for (SessionRow r : updated) {
                    if (r.place < size && rows[r.place] == r) {
                        nextUpdate(r.place);
                    }
                }
            } finally {
                endChange();
            }
        }
    }

    /** Takes out the rows that left, in one pass; each reported where it stood. */
    private void removeAll(List<SessionRow> removed) {
        if (removed.isEmpty()) {
            return;
        }
        for (SessionRow r : removed) {
            r.leaving = true;
        }
        int write = 0;
        for (int read = 0; read < size; read++) {
            SessionRow r = rows[read];
            if (r.leaving) {
                nextRemove(write, r);
            } else {
                rows[write++] = r;
            }
        }
        Arrays.fill(rows, write, size, null);
        size = write;
        for (SessionRow r : removed) {
            r.leaving = false;
        }
    }

    /** Places the rows that came: sorted among themselves, each after the rows that compare equal to it. */
    private void insertAll(List<SessionRow> added) {
        if (added.isEmpty()) {
            return;
        }
        Comparator<? super SessionRow> order = comparator.get();
        added.sort(order);
        int k = added.size();
        SessionRow[] out = new SessionRow[Math.max(size + k, rows.length)];
        int read = 0;
        int write = 0;
        for (SessionRow r : added) {
            int at = upperBound(r, order, read);
            System.arraycopy(rows, read, out, write, at - read);
            write += at - read;
            read = at;
            out[write] = r;
            nextAdd(write, write + 1);
            write++;
        }
        System.arraycopy(rows, read, out, write, size - read);
        size += k;
        rows = out;
    }

    /** The first index from {@code from} whose row comes after {@code r}. */
    private int upperBound(SessionRow r, Comparator<? super SessionRow> order, int from) {
        int lo = from;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(rows[mid], r) > 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** With no comparator: the source's rows as they are, the added ones reported where they stand. */
    private void addInSourceOrder(List<SessionRow> added) {
        List<? extends SessionRow> source = getSource();
        if (added.isEmpty()) {
            return;
        }
        for (SessionRow r : added) {
            r.leaving = true;
        }
        SessionRow[] out = new SessionRow[Math.max(source.size(), rows.length)];
        for (int i = 0; i < source.size(); i++) {
            SessionRow r = source.get(i);
            out[i] = r;
            if (r.leaving) {
                nextAdd(i, i + 1);
            }
        }
        for (SessionRow r : added) {
            r.leaving = false;
        }
        size = source.size();
        rows = out;
    }

    /**
     * Sorts the rows again (by the comparator, or into the source's order without one) and reports
     * the moves as one permutation; each row's {@link SessionRow#place} is its new index afterwards.
     */
    private void permute() {
        for (int i = 0; i < size; i++) {
            rows[i].place = i;
        }
        Comparator<? super SessionRow> order = comparator.get();
        if (order == null) {
            List<? extends SessionRow> source = getSource();
            for (int i = 0; i < size; i++) {
                rows[i] = source.get(i);
            }
        } else {
            Arrays.sort(rows, 0, size, order);
        }
        int[] perm = new int[size];
        boolean moved = false;
        for (int i = 0; i < size; i++) {
            perm[rows[i].place] = i;
            moved |= rows[i].place != i;
            rows[i].place = i;
        }
        if (moved) {
            nextPermutation(0, size, perm);
        }
    }

    /** A new comparator: every row placed again, as one permutation. */
    private void resort() {
        beginChange();
        try {
            permute();
        } finally {
            endChange();
        }
    }
}
