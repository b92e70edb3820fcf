package dev.sessiondeck.app.variables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The variables page without a window: background jobs run on the test's thread, the server is a plain fake. */
class VariablesViewModelTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static Variable number(String name, String value, boolean editable) {
        return new Variable(name, value, Variable.Kind.NUMBER, List.of(), "", "", editable, "");
    }

    /** A server whose {@code wait_timeout} takes numbers only; it records each change asked for. */
    private static final class Server implements Variables {
        final List<String> asked = new ArrayList<>();
        String waitTimeout = "28800";

        @Override
        public List<Variable> list(VariableScope scope) {
            return List.of(number("wait_timeout", waitTimeout, true), number("version", "11.4.5", false));
        }

        @Override
        public List<String> important() {
            return List.of();
        }

        @Override
        public Variable set(VariableScope scope, String name, String value) throws SourceException {
            asked.add(scope + " " + name + "=" + value);
            if (!value.matches("\\d+")) {
                throw new SourceException(SourceException.Kind.SERVER_ERROR, "Incorrect argument type to variable 'wait_timeout'");
            }
            waitTimeout = value;
            return number(name, value, true);
        }

        @Override
        public List<Variable> ofSession(SessionKey key) {
            return List.of();
        }
    }

    @Test
    void onlyGlobalValuesChangeAndTheOwnSessionSaysWhyNot() {
        VariablesViewModel vm = new VariablesViewModel(new Server(), NOW, "prod", Optional.empty());
        vm.reload();
        Variable wait = vm.shown().stream().filter(v -> v.name().equals("wait_timeout")).findFirst().orElseThrow();
        Variable version = vm.shown().stream().filter(v -> v.name().equals("version")).findFirst().orElseThrow();

        assertThat(vm.canEdit(wait)).isTrue();
        assertThat(vm.whyNotEdit(version)).hasValueSatisfying(w -> assertThat(w).contains("does not let"));

        vm.scopeProperty().set(VariableScope.SESSION);
        assertThat(vm.canEdit(wait)).isFalse();
        assertThat(vm.whyNotEdit(wait)).hasValueSatisfying(w -> assertThat(w).contains("one connection of its pool"));
    }

    @Test
    void aValueTheServerRefusedIsWhatTheNextEditStartsWithUntilAChangeWorks() {
        Server server = new Server();
        VariablesViewModel vm = new VariablesViewModel(server, NOW, "prod", Optional.empty());
        vm.reload();
        Variable wait = vm.shown().stream().filter(v -> v.name().equals("wait_timeout")).findFirst().orElseThrow();
        assertThat(vm.startValue(wait)).isEqualTo("28800");

        vm.set(wait, "8h", after -> { });

        assertThat(vm.errorProperty().get()).contains("wait_timeout").contains("Incorrect argument type");
        assertThat(vm.startValue(wait)).as("what was typed is not lost").isEqualTo("8h");

        vm.set(wait, "3600", after -> { });

        assertThat(server.asked).containsExactly("GLOBAL wait_timeout=8h", "GLOBAL wait_timeout=3600");
        Variable now = vm.shown().stream().filter(v -> v.name().equals("wait_timeout")).findFirst().orElseThrow();
        assertThat(now.value()).isEqualTo("3600");
        assertThat(vm.startValue(now)).isEqualTo("3600");
    }
}
