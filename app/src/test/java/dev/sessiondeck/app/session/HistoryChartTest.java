package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The history chart's y scale: round steps, at most five of them to the highest count. */
class HistoryChartTest {

    @Test
    void theYAxisStepsAreOneTwoOrFiveTimesAPowerOfTenAndAtMostFiveReachTheHighestCount() {
        assertThat(HistoryChart.tickUnit(0)).isEqualTo(1);
        assertThat(HistoryChart.tickUnit(5)).isEqualTo(1);
        assertThat(HistoryChart.tickUnit(6)).isEqualTo(2);
        assertThat(HistoryChart.tickUnit(10)).isEqualTo(2);
        assertThat(HistoryChart.tickUnit(11)).isEqualTo(5);
        assertThat(HistoryChart.tickUnit(26)).isEqualTo(10);
        assertThat(HistoryChart.tickUnit(5_000)).isEqualTo(1_000);
        assertThat(HistoryChart.tickUnit(5_001)).isEqualTo(2_000);
        for (int n = 0; n < 100_000; n += 37) {
            double unit = HistoryChart.tickUnit(n);
            assertThat(n / unit).as("%d", n).isLessThanOrEqualTo(5);
            assertThat(String.valueOf((long) unit)).as("%d", n).matches("[125]0*");
        }
    }
}
