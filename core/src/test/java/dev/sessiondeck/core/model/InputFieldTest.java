package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.InputField.Kind;
import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputFieldTest {

    private static Text label(String key) {
        return Text.of(StandardAttributes.BUNDLE, "field." + key);
    }

    /** Fields by a short name for the table below; their labels are words of core's own bundle. */
    private static final Map<String, InputField> FIELDS = Map.ofEntries(
            Map.entry("required", InputField.builder("host", label("host"), Kind.TEXT).required().build()),
            Map.entry("optional", InputField.builder("database", label("database"), Kind.TEXT).build()),
            Map.entry("int1to3", InputField.builder("port", label("port"), Kind.INTEGER).required().min("1").max("3").build()),
            Map.entry("intAtLeast1", InputField.builder("port", label("port"), Kind.INTEGER).min("1").build()),
            Map.entry("intAtMost10", InputField.builder("port", label("port"), Kind.INTEGER).max("10").build()),
            Map.entry("decAbove0To100", InputField.builder("queryTimeout", label("queryTimeout"), Kind.DECIMAL)
                    .above("0").max("100").build()),
            Map.entry("dec0To100", InputField.builder("queryTimeout", label("queryTimeout"), Kind.DECIMAL)
                    .min("0").max("100").build()),
            Map.entry("decAbove0", InputField.builder("queryTimeout", label("queryTimeout"), Kind.DECIMAL).above("0").build()),
            Map.entry("choice", InputField.builder("tls", label("tls"), Kind.CHOICE).required()
                    .choices(List.of(new InputField.Choice("ALL", label("host")), new InputField.Choice("ONLY_SLOW", label("port"))))
                    .build()),
            Map.entry("flag", InputField.builder("tls", label("tls"), Kind.FLAG).build()));

    @ParameterizedTest(name = "{0} ''{1}'': ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            required       | ''        | Host is required
            required       | '   '     | Host is required
            required       | NULL      | Host is required
            required       | db1       | ''
            optional       | ''        | ''
            optional       | NULL      | ''
            int1to3        | ''        | Port is required
            int1to3        | 1         | ''
            int1to3        | 2         | ''
            int1to3        | 3         | ''
            int1to3        | ' 3 '     | ''
            int1to3        | 2.0       | ''
            int1to3        | 0         | Port: from 1 to 3
            int1to3        | 4         | Port: from 1 to 3
            int1to3        | -1        | Port: from 1 to 3
            int1to3        | 2.5       | Port: enter a whole number
            int1to3        | two       | Port: enter a whole number
            intAtLeast1    | ''        | ''
            intAtLeast1    | 1         | ''
            intAtLeast1    | 0         | Port: at least 1
            intAtLeast1    | 99999999999999999999 | ''
            intAtMost10    | 10        | ''
            intAtMost10    | -5        | ''
            intAtMost10    | 11        | Port: at most 10
            decAbove0To100 | 0.001     | ''
            decAbove0To100 | 12,5      | ''
            decAbove0To100 | 100       | ''
            decAbove0To100 | 0         | Query timeout (s): above 0, at most 100
            decAbove0To100 | 100.01    | Query timeout (s): above 0, at most 100
            decAbove0To100 | -3        | Query timeout (s): above 0, at most 100
            decAbove0To100 | lots      | Query timeout (s): enter a number
            dec0To100      | 0         | ''
            dec0To100      | -0.1      | Query timeout (s): from 0 to 100
            decAbove0      | 0         | Query timeout (s): above 0
            decAbove0      | 1000000   | ''
            choice         | ALL       | ''
            choice         | only_slow | ''
            choice         | SOMETIMES | TLS: one of ALL, ONLY_SLOW
            choice         | ''        | TLS is required
            flag           | true      | ''
            flag           | FALSE     | ''
            flag           | yes       | TLS: true or false
            flag           | ''        | ''
            """)
    void checksWhatIsTyped(String field, String value, String problem) {
        Optional<Text> found = FIELDS.get(field).check(value);

        if (problem.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasValueSatisfying(t -> {
                assertThat(t.english()).isEqualTo(problem);
                // the same words in Chinese, with the label in Chinese too
                String chinese = t.resolve(Locale.SIMPLIFIED_CHINESE);
                assertThat(chinese).isNotBlank().isNotEqualTo(problem);
                assertThat(chinese).contains(((Text) t.args().get(0)).resolve(Locale.SIMPLIFIED_CHINESE));
            });
        }
    }

    @Test
    void theDeclaredFieldsCheckTheirBounds() {
        assertThat(ConnectionFields.PORT.check("0")).hasValueSatisfying(t -> assertThat(t.english()).isEqualTo("Port: from 1 to 65535"));
        assertThat(ConnectionFields.PORT.check("3306")).isEmpty();
        assertThat(ConnectionFields.HOST.check(" ")).hasValueSatisfying(t -> assertThat(t.english()).isEqualTo("Host is required"));
        List<InputField> trace = OceanBaseSessionSource.TRACE.parameters();
        assertThat(trace.get(0).check("4")).hasValueSatisfying(t -> assertThat(t.english()).isEqualTo("Level: from 1 to 3"));
        assertThat(trace.get(0).check(trace.get(0).initial())).isEmpty();
        assertThat(trace.get(1).check("0")).hasValueSatisfying(
                t -> assertThat(t.english()).isEqualTo("Sample percentage (%): above 0, at most 100"));
        assertThat(trace.get(1).check(trace.get(1).initial())).isEmpty();
        assertThat(trace.get(2).check("all")).isEmpty();
        assertThat(trace.get(2).check(trace.get(2).initial())).isEmpty();
        assertThat(trace.get(2).check("some")).hasValueSatisfying(t -> assertThat(t.english())
                .isEqualTo("Record policy: one of ALL, ONLY_SLOW_QUERY, SAMPLE_AND_SLOW_QUERY"));
    }

    @Test
    void aChoiceNeedsChoices() {
        assertThatThrownBy(() -> InputField.builder("x", label("tls"), Kind.CHOICE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs choices");
    }

    @Test
    void aNewFieldStartsEmptyUnlessDeclaredOtherwise() {
        InputField f = InputField.builder("x", label("tls"), Kind.TEXT).build();
        assertThat(f.initial()).isEmpty();
        assertThat(f.choices()).isEmpty();
        assertThat(f.cliOption()).isEmpty();
        assertThat(f.required()).isFalse();
        assertThat(f.hint()).isNull();
    }
}
