package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    @ParameterizedTest
    @CsvSource({"8.0.36-log, 8, 0, 36, 0", "4.2.1.0, 4, 2, 1, 0", "4.2.1.7, 4, 2, 1, 7", "11, 11, 0, 0, 0", "v17.2, 17, 2, 0, 0"})
    void readsTheFirstDottedNumbers(String text, int major, int minor, int patch, int build) {
        assertThat(Version.parse(text)).isEqualTo(Version.of(major, minor, patch, build));
    }

    @Test
    void ordersNumericallyNotAlphabetically() {
        assertThat(Version.parse("10.11.6")).isGreaterThan(Version.parse("10.6.12"));
        assertThat(Version.parse("4.2.1.0").atLeast(4, 2, 1)).isTrue();
        assertThat(Version.parse("4.2.0.9").atLeast(4, 2, 1)).isFalse();
    }

    @Test
    void printsWithoutATrailingZeroBuild() {
        assertThat(Version.of(8, 0, 36)).hasToString("8.0.36");
        assertThat(Version.of(4, 2, 1, 2)).hasToString("4.2.1.2");
    }
}
