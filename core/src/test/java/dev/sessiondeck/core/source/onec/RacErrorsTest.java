package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rac's error texts (FIELD-NOTES.md, "1C:Enterprise server cluster", Errors) and the kinds the window words. */
class RacErrorsTest {

    private static final String CONTEXT = "Cannot list the sessions of Главный кластер on prod";

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Администратор кластера не аутентифицирован                    | AUTHENTICATION
            Недостаточно прав пользователя на управление кластером        | PRIVILEGE
            Недостаточно прав пользователя на информационную базу         | PRIVILEGE
            Сеанс с указанным идентификатором не найден                   | SESSION_GONE
            Кластер с указанным идентификатором не найден                 | SESSION_GONE
            Информационная база с указанным идентификатором не найдена    | SESSION_GONE
            Компьютер отсутствует в сети или недоступен                   | UNREACHABLE
            Error parsing option: interrupt-current-server-call           | UNSUPPORTED
            Ошибка разбора параметра: interrupt-current-server-call       | UNSUPPORTED
            Cluster administrator is not authenticated                     | AUTHENTICATION
            Insufficient user rights for infobase                          | PRIVILEGE
            """)
    void eachTextOfTheFieldNotesMapsToItsKind(String text, Kind kind) {
        SourceException e = RacErrors.translate(CONTEXT, 255, text);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).startsWith(CONTEXT + ": ").contains(text);
    }

    @Test
    void theConnectionErrorWithItsCauseOnTheNextLineIsUnreachableInOneLine() {
        String text = "Ошибка соединения с сервером администрирования\r\n"
                + "server_addr=tcp://srv-1c-01:1545 descr=srv-1c-01:1545: Connection refused line=1048\r\n";

        SourceException e = RacErrors.translate(CONTEXT, 255, text);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r")
                .contains("Ошибка соединения с сервером администрирования server_addr=tcp://srv-1c-01:1545")
                .contains("Connection refused");
        assertThat(RacErrors.translate(CONTEXT, 255, "server_addr=tcp://x:1545 descr=x:1545: Connection refused").kind())
                .as("the cause alone").isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void theKindDoesNotDependOnTheCaseOfTheText() {
        assertThat(RacErrors.translate(CONTEXT, 255, "АДМИНИСТРАТОР КЛАСТЕРА НЕ АУТЕНТИФИЦИРОВАН").kind())
                .isEqualTo(Kind.AUTHENTICATION);
        assertThat(RacErrors.translate(CONTEXT, 255, "error PARSING option: x").kind()).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void anUnknownTextIsAServerErrorInItsOwnWords() {
        String text = "Процесс сервера 1С:Предприятия завершился аварийно (код 0xC0000005)";

        SourceException e = RacErrors.translate(CONTEXT, 3, text + "\n");

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getMessage()).isEqualTo(CONTEXT + ": rac ended with exit code 3: " + text);
        assertThat(RacErrors.translate(CONTEXT, 255, "").getMessage())
                .isEqualTo(CONTEXT + ": rac ended with exit code 255 and no message");
        assertThat(RacErrors.translate(CONTEXT, 255, null).kind()).isEqualTo(Kind.SERVER_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Ошибка разбора параметра: --cluster-pwd=secret                       | secret
            Error parsing option: --infobase-pwd "x y"                           | x y
            Ошибка разбора параметра: --cluster-pwd="p@ss w0rd" --infobase-pwd=q1 | p@ss w0rd
            Ошибка разбора параметра: --infobase-pwd=hunter2                     | hunter2
            """)
    void passwordsInTheTextNeverReachTheWords(String text, String password) {
        SourceException e = RacErrors.translate(CONTEXT, 255, text);

        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).doesNotContain(password).contains("***");
        assertThat(RacErrors.redact(text)).doesNotContain(password);
        assertThat(RacErrors.translate(CONTEXT, 255, "Неизвестная ошибка " + text).getMessage())
                .as("an unknown text too").doesNotContain(password);
    }

    @Test
    void passwordsWithSpacesAreHiddenArgumentByArgument() {
        List<String> args = List.of("session", "list", "--cluster=b1c2", "--cluster-user=Администратор",
                "--cluster-pwd=pa ss word", "--infobase-pwd", "x y", "--infobase-user=Админ", "127.0.0.1:1545");

        String line = RacErrors.redact(args);

        assertThat(line).isEqualTo("session list --cluster=b1c2 --cluster-user=Администратор --cluster-pwd=*** "
                + "--infobase-pwd *** --infobase-user=Админ 127.0.0.1:1545");
        assertThat(RacErrors.redact(String.join(" ", args))).as("the joined line cannot know where a password ends")
                .contains("ss word");
        assertThat(RacErrors.secrets(args)).containsExactly("pa ss word", "x y");
        assertThat(RacErrors.secrets(List.of("--cluster-pwd=", "--infobase-pwd"))).isEmpty();
    }

    @Test
    void passwordsRacRepeatsAreHiddenWhateverItMadeOfTheOption() {
        List<String> secrets = RacErrors.secrets(List.of("--cluster-pwd=pa ss word", "127.0.0.1:1545"));
        String text = "Ошибка разбора параметра: 'pa ss word'";

        SourceException e = RacErrors.translate(Text.verbatim(CONTEXT), 255, text, secrets);

        assertThat(e.getMessage()).doesNotContain("pa ss word").doesNotContain("ss word").contains("'***'");
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).doesNotContain("pa ss word").contains("'***'", "此 rac 不认识该命令或选项");
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(RacErrors.hide("x pa ss word y", secrets)).isEqualTo("x *** y");
        assertThat(RacErrors.hide("nothing to hide", List.of())).isEqualTo("nothing to hide");
    }
}
