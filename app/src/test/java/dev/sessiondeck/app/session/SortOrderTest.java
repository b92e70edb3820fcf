package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortOrderTest {

    private static final Comparator<Integer> ASCENDING = Comparator.naturalOrder();

    @Test
    void aSortedListHasNothingOutOfPlaceEvenWithEqualElements() {
        assertThat(SortOrder.outOfPlace(List.of(), ASCENDING)).isEmpty();
        assertThat(SortOrder.outOfPlace(List.of(1, 2, 2, 3, 9), ASCENDING)).isEmpty();
    }

    @Test
    void oneMovedElementIsTheOnlyOneToPlaceAgain() {
        assertThat(SortOrder.outOfPlace(List.of(1, 2, 30, 4, 5, 6), ASCENDING)).containsExactly(30);
        assertThat(SortOrder.outOfPlace(List.of(1, 5, 6, 2, 3, 4, 7), ASCENDING)).containsExactly(5, 6);
    }

    /** Distinct elements with equal values, as rows with equal times are. */
    private record Item(int position, int value) {
    }

    @Test
    void whatRemainsIsSortedAndAsLongAsTheLongestRunInOrder() {
        Comparator<Item> byValue = Comparator.comparingInt(Item::value);
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<Item> list = new ArrayList<>();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                list.add(new Item(i, random.nextInt(6)));
            }
            List<Item> out = SortOrder.outOfPlace(list, byValue);
            List<Item> kept = new ArrayList<>(list);
            kept.removeAll(out);
            assertThat(kept).as("%s without %s", list, out).isSortedAccordingTo(byValue);
            assertThat(kept).as("the fewest removed from %s", list).hasSize(longestNonDecreasing(list));
        }
    }

    private static int longestNonDecreasing(List<Item> list) {
        int[] best = new int[list.size()];
        int max = 0;
        for (int i = 0; i < list.size(); i++) {
            best[i] = 1;
            for (int j = 0; j < i; j++) {
                if (list.get(j).value() <= list.get(i).value()) {
                    best[i] = Math.max(best[i], best[j] + 1);
                }
            }
            max = Math.max(max, best[i]);
        }
        return max;
    }
}
