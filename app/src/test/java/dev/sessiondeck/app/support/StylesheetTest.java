package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The application's stylesheet parses without an error: JavaFX only logs a syntax error and drops
 * the rules after it (a lost brace once dropped the plan dialog's rules unseen).
 */
class StylesheetTest {

    @Test
    void theStylesheetParsesWithoutErrors() throws Exception {
        URL css = Themes.class.getResource("sessiondeck.css");
        assertThat(css).isNotNull();
        CssParser.errorsProperty().clear();

        Stylesheet parsed = new CssParser().parse(css);

        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertThat(errors).isEmpty();
        assertThat(parsed.getRules()).extracting(r -> r.getSelectors().toString())
                .anySatisfy(s -> assertThat(s).contains("plan-dialog"))
                .anySatisfy(s -> assertThat(s).contains("blocking-sql-cell"));
    }
}
