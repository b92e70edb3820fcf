package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VariableTest {

    private static Variable v(String name, String value, String unit) {
        return new Variable(name, value, Variable.Kind.NUMBER, List.of(), unit, "", true, "");
    }

    @ParameterizedTest
    @CsvSource({"10000000,us,10 s", "2500,ms,2.5 s", "0,us,0 s", "-1,ms,-0.001 s"})
    void timesInMicroAndMillisecondsAreAlsoShownInSeconds(String value, String unit, String seconds) {
        assertThat(v("ob_query_timeout", value, unit).inSeconds()).contains(seconds);
    }

    @Test
    void otherUnitsAndWordsHaveNoSeconds() {
        assertThat(v("work_mem", "4096", "kB").inSeconds()).isEmpty();
        assertThat(v("x", "ON", "us").inSeconds()).isEmpty();
    }

    @Test
    void theImportantOnesComeFirstInTheirOrderThenTheRestByName() {
        List<Variable> all = List.of(v("b", "1", ""), v("wait_timeout", "1", ""), v("a", "1", ""), v("MAX_CONNECTIONS", "1", ""));
        assertThat(VariableNames.pinnedFirst(all, List.of("max_connections", "missing", "wait_timeout")))
                .extracting(Variable::name).containsExactly("MAX_CONNECTIONS", "wait_timeout", "a", "b");
    }
}
