package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {

    @Test
    void idsAreTextAndNumericIdsAreWrittenInDecimal() {
        SessionKey numeric = new SessionKey("ds", "", 42, "app@h:1", OptionalLong.empty());
        SessionKey text = new SessionKey("ds", "", "42", "app@h:1", OptionalLong.empty());

        assertThat(numeric).isEqualTo(text);
        assertThat(numeric.id()).isEqualTo("42");
        assertThat(numeric.numericId()).isEqualTo(42L);
        assertThat(SessionKey.ofId("ds", "5f3c-uuid")).satisfies(k -> {
            assertThat(k.id()).isEqualTo("5f3c-uuid");
            assertThat(k.server()).isEmpty();
            assertThat(k.hasIdentity()).isFalse();
            assertThat(k.queryId()).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankIdIsRefused(String id) {
        assertThatThrownBy(() -> SessionKey.ofId("ds", id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0                    | 0
            42                   | 42
            ' 42 '               | 42
            9223372036854775807  | 9223372036854775807
            """)
    void readsNumericIds(String text, long expected) {
        assertThat(SessionKey.parseNumericId(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"-1", "+1", "4 2", "1.5", "abc", "1' OR '1'='1", "9223372036854775808",
        "99999999999999999999", "٤٢"})
    void refusesWhatIsNoWholeNumberOfZeroOrMore(String text) {
        assertThatThrownBy(() -> SessionKey.parseNumericId(text)).isInstanceOf(SessionKey.SourceIdException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SessionKey.ofId("ds", text).numericId()).isInstanceOf(SessionKey.SourceIdException.class);
    }

    @Test
    void toStringShowsEveryPart() {
        assertThat(new SessionKey("ds", "10.0.0.1:2881", 7, "app@h:1", OptionalLong.of(70)))
                .hasToString("ds/10.0.0.1:2881#7(app@h:1) query 70");
        assertThat(SessionKey.ofId("ds", "7")).hasToString("ds#7");
    }
}
