package dev.sessiondeck.app.session;

import static dev.sessiondeck.app.session.FakeSessionSource.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

/**
 * The table's sorted rows against JavaFX's own {@link SortedList} over the same rows: the same order
 * after every batch, and changes that, replayed on a copy, give that order.
 */
class SortedRowsTest {

    /** By execution time, then id: a total order, as the table's always is (ties end at the group and id). */
    private static final Comparator<SessionRow> BY_TIME = Comparator.comparing(
            (SessionRow r) -> ((Duration) r.value(SessionColumn.EXECUTION_TIME)).toSeconds())
            .thenComparing(r -> Long.parseLong(r.getSession().id()));

    private static Session running(long id, int seconds) {
        return session("fake", id, "app", "shop", true, "q", seconds);
    }

    @Test
    void batchesOfComingGoingAndChangedRowsKeepTheOrderOfJavaFxsSortedList() {
        Random random = new Random(20);
        SessionRowList source = new SessionRowList();
        SortedRows ours = new SortedRows(source);
        SortedList<SessionRow> theirs = new SortedList<>(source);
        List<SessionRow> replayed = new ArrayList<>();
        ours.addListener((ListChangeListener<SessionRow>) c -> replay(c, replayed));
        long next = 1;
        for (int round = 0; round < 60; round++) {
            if (round == 5) {
                ours.comparatorProperty().set(BY_TIME);
                theirs.setComparator(BY_TIME);
            }
            if (round == 40) {
                ours.comparatorProperty().set(BY_TIME.reversed());
                theirs.setComparator(BY_TIME.reversed());
            }
            next = refresh(source, random, 10, 4, 30, 20, next);

            assertThat(ours).as("round %d", round).containsExactlyElementsOf(theirs);
            assertThat(replayed).as("round %d, the changes replayed", round).containsExactlyElementsOf(ours);
        }
    }

    @Test
    void withoutAComparatorTheRowsKeepTheSourcesOrder() {
        SessionRowList source = new SessionRowList();
        SortedRows ours = new SortedRows(source);
        List<SessionRow> rows = List.of(new SessionRow(running(3, 1)), new SessionRow(running(1, 5)), new SessionRow(running(2, 3)));
        source.append(rows);
        ours.comparatorProperty().set(BY_TIME);
        assertThat(ours).containsExactly(rows.get(0), rows.get(2), rows.get(1));

        ours.comparatorProperty().set(null);

        assertThat(ours).containsExactlyElementsOf(rows);
    }

    /**
     * A refresh as the view model applies one: one row in {@code endOneIn} ends (scattered), one in
     * {@code changeOneIn} changes its time (below {@code seconds}), up to {@code maxNew} new rows come,
     * numbered from {@code next}; returns the next number.
     */
    private static long refresh(SessionRowList source, Random random, int endOneIn, int changeOneIn, int maxNew,
                                int seconds, long next) {
        for (SessionRow r : source) {
            r.ended = random.nextInt(endOneIn) == 0;
        }
        source.removeWhere(r -> r.ended);
        BitSet changed = new BitSet();
        for (int i = 0; i < source.size(); i++) {
            if (random.nextInt(changeOneIn) == 0) {
                SessionRow r = source.get(i);
                r.update(running(Long.parseLong(r.getSession().id()), random.nextInt(seconds)));
                changed.set(i);
            }
        }
        source.fireUpdated(changed);
        List<SessionRow> added = new ArrayList<>();
        long n = next;
        for (int i = random.nextInt(maxNew); i > 0; i--) {
            added.add(new SessionRow(running(n++, random.nextInt(seconds))));
        }
        source.append(added);
        return n;
    }

    private static void replay(ListChangeListener.Change<? extends SessionRow> c, List<SessionRow> copy) {
        while (c.next()) {
            if (c.wasPermutated()) {
                List<SessionRow> before = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    copy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                }
            } else if (!c.wasUpdated()) {
                copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                copy.addAll(c.getFrom(), c.getAddedSubList());
            }
        }
    }

    @Test
    void theWindowsChainStaysWholeThroughRefreshesShownSourcesSortsAndSearches() {
        // as SessionRows builds it: every row, the shown data sources' rows, sorted, searched; what the
        // table is told (the top list's changes replayed) must always be what the lists hold
        Random random = new Random(7);
        SessionRowList source = new SessionRowList();
        javafx.collections.transformation.FilteredList<SessionRow> shown =
                new javafx.collections.transformation.FilteredList<>(source, r -> true);
        SortedRows sorted = new SortedRows(shown);
        javafx.collections.transformation.FilteredList<SessionRow> searched =
                new javafx.collections.transformation.FilteredList<>(sorted);
        List<SessionRow> told = new ArrayList<>();
        searched.addListener((ListChangeListener<SessionRow>) c -> replay(c, told));
        long next = 1;
        for (int round = 0; round < 300; round++) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    long odd = random.nextInt(2);
                    shown.setPredicate(random.nextBoolean() ? null : r -> Long.parseLong(r.getSession().id()) % 2 == odd);
                }
                case 1 -> sorted.comparatorProperty().set(random.nextBoolean() ? null
                        : random.nextBoolean() ? BY_TIME : BY_TIME.reversed());
                case 2 -> {
                    int digit = random.nextInt(10);
                    searched.setPredicate(random.nextBoolean() ? null : r -> !r.getSession().id().endsWith(Integer.toString(digit)));
                }
                default -> next = refresh(source, random, random.nextInt(4) == 0 ? 3 : 20, 5, 40, 30, next);
            }
            List<SessionRow> expected = new ArrayList<>();
            for (SessionRow r : source) {
                if (shown.getPredicate() == null || shown.getPredicate().test(r)) {
                    expected.add(r);
                }
            }
            if (sorted.getComparator() != null) {
                expected.sort(sorted.getComparator());
            }
            expected.removeIf(r -> searched.getPredicate() != null && !searched.getPredicate().test(r));
            assertThat(searched).as("round %d", round).containsExactlyElementsOf(expected);
            assertThat(told).as("round %d, as the table was told", round).containsExactlyElementsOf(searched);
        }
    }
}
