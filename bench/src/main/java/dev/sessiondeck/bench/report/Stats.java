package dev.sessiondeck.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * Minimum, median and maximum of a benchmark's samples, in the samples' unit (milliseconds unless
 * said otherwise). The median of an even count is the mean of the two middle samples.
 *
 * @param count how many samples
 */
public record Stats(double min, double median, double max, int count) {

    /**
     * @throws IllegalArgumentException when there are no samples
     */
    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(s[0], median, s[n - 1], n);
    }

    /** From nanosecond samples, in milliseconds. */
    public static Stats ofNanos(long[] nanos) {
        return of(Arrays.stream(nanos).mapToObj(v -> v / 1e6).toList());
    }

    /** "min / median / max" with the given number of decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(f + " / " + f + " / " + f, min, median, max);
    }
}
