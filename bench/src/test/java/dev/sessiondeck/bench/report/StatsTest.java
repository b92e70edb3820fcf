package dev.sessiondeck.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        assertThat(Stats.of(List.of(9.0, 1.0, 5.0))).isEqualTo(new Stats(1.0, 5.0, 9.0, 3));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 10.0)).median()).isEqualTo(3.5);
    }

    @Test
    void nanosecondSamplesComeOutInMilliseconds() {
        assertThat(Stats.ofNanos(new long[] {2_000_000, 1_500_000, 3_000_000})).isEqualTo(new Stats(1.5, 2.0, 3.0, 3));
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsMinMedianMax() {
        assertThat(new Stats(1.234, 2.5, 10, 3).format(1)).isEqualTo("1.2 / 2.5 / 10.0");
    }
}
