package dev.sessiondeck.app.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which elements of a once-sorted list are out of place after their values changed in place.
 *
 * <p>Why: every refresh changes every session's execution time, and telling the sorted list that
 * 10,000 rows changed makes it and the table place all of them again, every second. Times that all
 * grew by the refresh interval keep their order, so usually nothing needs placing; otherwise only the
 * elements outside a longest run in order (a longest non-decreasing subsequence) need to be placed
 * again, and placing those in the rest (which is in order) sorts the list.
 */
final class SortOrder {

    private SortOrder() {
    }

    /**
     * The elements that must be placed again for {@code list} to be sorted by {@code order}: none
     * when it is sorted (n - 1 comparisons), else the fewest whose removal leaves the rest in order
     * (O(n log n) comparisons).
     */
    static <T> List<T> outOfPlace(List<T> list, Comparator<? super T> order) {
        int n = list.size();
        int firstDescent = -1;
        for (int i = 1; i < n; i++) {
            if (order.compare(list.get(i - 1), list.get(i)) > 0) {
                firstDescent = i;
                break;
            }
        }
        if (firstDescent < 0) {
            return List.of();
        }
        // patience sorting: tails[k] = index of the smallest last element of a run of length k + 1
        int[] tails = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            T x = list.get(i);
            // the first run whose last element is greater than x (equal elements may follow each other)
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(list.get(tails[mid]), x) > 0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            if (lo == length) {
                length++;
            }
        }
        boolean[] kept = new boolean[n];
        for (int i = tails[length - 1]; i >= 0; i = previous[i]) {
            kept[i] = true;
        }
        List<T> out = new ArrayList<>(n - length);
        for (int i = 0; i < n; i++) {
            if (!kept[i]) {
                out.add(list.get(i));
            }
        }
        return out;
    }
}
