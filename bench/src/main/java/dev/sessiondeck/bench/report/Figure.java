package dev.sessiondeck.bench.report;

import java.util.Locale;

/**
 * One row of the ratios table: our median against the baseline's, both in {@code unit}, with the
 * spread of each (min and max) and of the per-round ratios where the two were timed in pairs.
 *
 * @param id       the figure's id as issue 20 writes it ({@code window.apply} ...)
 * @param ours     SessionDeck's samples
 * @param baseline the baseline's samples
 * @param target   the highest ratio of medians that meets the target
 * @param note     what else to say (how many, what was measured), or empty
 */
public record Figure(String id, Stats ours, Stats baseline, String unit, double target, String note) {

    public double ratio() {
        return ours.median() / baseline.median();
    }

    public boolean met() {
        return ratio() <= target;
    }

    /** The Markdown row: {@code | figure | ours | baseline | ratio | target |}. */
    public String row() {
        return String.format(Locale.ROOT, "| %s | %s %s | %s %s | %.2f | <= %s |", id, number(ours.median()), unit,
                number(baseline.median()), unit, ratio(), number(target));
    }

    /** The spread line under the table. */
    public String spread() {
        return String.format(Locale.ROOT, "- `%s`: ours %s, baseline %s (%s; min / median / max of %d and %d samples)%s%s",
                id, ours.format(2), baseline.format(2), unit, ours.count(), baseline.count(),
                note.isEmpty() ? "" : "; ", note) + (met() ? "" : " **MISSED**");
    }

    private static String number(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
