package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.testing.CapturedLogs;
import dev.sessiondeck.core.testing.FakeRacScenario;
import dev.sessiondeck.core.testing.RacTranscripts;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Running the stand-in rac ({@link dev.sessiondeck.core.testing.FakeRac}) as a process: timeouts, character sets, failures. */
class RacRunnerIT {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String CLUSTER = RacTranscripts.MAIN.uuid();
    private static FakeRacScenario rac;

    @BeforeAll
    static void scenario() {
        rac = FakeRacScenario.standard("runner", 60);
    }

    private static RacRunner runner(FakeRacScenario scenario, Duration timeout, Charset charset) {
        return new RacRunner(scenario.rac(), timeout, charset, Map.of());
    }

    private static List<String> sessionList(FakeRacScenario scenario) {
        return List.of("session", "list", "--cluster=" + CLUSTER, "127.0.0.1:" + scenario.port());
    }

    @Test
    void printsWhatRacPrints() throws Exception {
        String out = runner(rac, LONG, StandardCharsets.UTF_8).run("Cannot list", sessionList(rac));

        List<Map<String, String>> blocks = RacOutput.blocks(out);
        assertThat(blocks).hasSize(40);
        assertThat(blocks.get(0)).containsEntry("session", RacTranscripts.sessionUuid(0))
                .containsEntry("user-name", "Бухгалтер").containsEntry("duration-current-dbms", "700");
        assertThat(rac.calls()).contains(sessionList(rac));

        // options before the command words, the address left out (localhost:1545)
        String before = runner(rac, LONG, StandardCharsets.UTF_8).run("Cannot list",
                List.of("--cluster=" + CLUSTER, "--infobase=" + RacTranscripts.TRADE.uuid().replace("4d03", "4d02"),
                        "session", "list"));
        assertThat(RacOutput.blocks(before)).hasSize(20)
                .allSatisfy(b -> assertThat(b).containsEntry("infobase", RacTranscripts.PAYROLL.uuid()));
    }

    @Test
    void aHangIsKilledAfterTheTimeoutWithItsWholeProcessTree() {
        FakeRacScenario hanging = FakeRacScenario.standard("runner-hang", 3).hang(true);
        Duration timeout = Duration.ofSeconds(4);
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner(hanging, timeout, StandardCharsets.UTF_8).run("Cannot list the sessions of X",
                sessionList(hanging)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                .hasMessage("Cannot list the sessions of X: rac did not answer within 4 s (it was stopped)");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(5));
        // the stand-in noted its own pid and its child's before it hung (it starts in well under the timeout)
        long child = hanging.hangChildPid().orElseThrow(() -> new AssertionError("the hanging rac started no child"));
        long racPid = hanging.hangPid().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> FakeRacScenario.gone(racPid) && FakeRacScenario.gone(child));
    }

    @Test
    void cp866WithCrlfIsDecodedRightWhenTheRunnerIsGivenThatCharset() throws Exception {
        FakeRacScenario windows = FakeRacScenario.standard("runner-cp866", 30).windowsConsole();
        Charset cp866 = RacTranscripts.cp866();

        String out = runner(windows, LONG, cp866).run("Cannot list", sessionList(windows));
        String clusters = runner(windows, LONG, cp866).run("Cannot list", List.of("cluster", "list", "127.0.0.1:1545"));
        List<Map<String, String>> read = runner(windows, LONG, cp866).runBlocks("Cannot list", sessionList(windows));

        assertThat(out).doesNotContain("\r").contains("user-name                        : Бухгалтер\n");
        assertThat(RacOutput.blocks(out)).hasSize(20).isEqualTo(read)
                .isEqualTo(RacOutput.blocks(runner(rac, LONG, StandardCharsets.UTF_8).run("Cannot list", sessionList(rac)))
                        .subList(0, 20));
        assertThat(RacOutput.blocks(clusters).get(0)).containsEntry("name", "Главный кластер");
        String misread = runner(windows, LONG, StandardCharsets.UTF_8).run("Cannot list", sessionList(windows));
        assertThat(misread).as("the same bytes read as UTF-8").doesNotContain("Бухгалтер");
    }

    @Test
    void errorsInCp866AreDecodedRightToo() {
        FakeRacScenario windows = FakeRacScenario.standard("runner-cp866-error", 3).windowsConsole();
        windows.failNext("Сеанс с указанным идентификатором не найден");

        assertThatThrownBy(() -> runner(windows, LONG, RacTranscripts.cp866()).run("Cannot read", sessionList(windows)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SESSION_GONE))
                .hasMessageContaining("(Сеанс с указанным идентификатором не найден)");
    }

    @Test
    void aNonZeroExitBecomesTheMappedSourceException() {
        FakeRacScenario failing = FakeRacScenario.standard("runner-fail", 3);
        RacRunner runner = runner(failing, LONG, StandardCharsets.UTF_8);

        failing.failNext("Администратор кластера не аутентифицирован");
        assertThatThrownBy(() -> runner.run("Cannot list", sessionList(failing)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));

        failing.failNext("session list", "Недостаточно прав пользователя на управление кластером", 255);
        assertThatThrownBy(() -> runner.run("Cannot list", sessionList(failing)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PRIVILEGE));

        failing.failNext("", "Внутренняя ошибка сервера", 3);
        assertThatThrownBy(() -> runner.run("Cannot list", sessionList(failing)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR))
                .hasMessage("Cannot list: rac ended with exit code 3: Внутренняя ошибка сервера");

        List<String> wrongPort = List.of("session", "list", "--cluster=" + CLUSTER, "127.0.0.1:1546");
        assertThatThrownBy(() -> runner.run("Cannot list", wrongPort))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessageContaining("Ошибка соединения с сервером администрирования server_addr=tcp://127.0.0.1:1546");
    }

    @Test
    void aForcedFailureIsUsedOnceAndOnlyByItsCommand() throws Exception {
        FakeRacScenario failing = FakeRacScenario.standard("runner-once", 3);
        RacRunner runner = runner(failing, LONG, StandardCharsets.UTF_8);
        failing.failNext("session terminate", "Недостаточно прав пользователя на управление кластером", 255);

        assertThat(runner.run("Cannot list", sessionList(failing))).as("another command").isNotEmpty();
        List<String> terminate = List.of("session", "terminate", "--cluster=" + CLUSTER,
                "--session=" + RacTranscripts.sessionUuid(0), "127.0.0.1:1545");
        assertThatThrownBy(() -> runner.run("Cannot close", terminate))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PRIVILEGE));
        assertThat(failing.hasSession(RacTranscripts.sessionUuid(0))).isTrue();
        assertThat(runner.run("Cannot close", terminate)).isEmpty();
        assertThat(failing.hasSession(RacTranscripts.sessionUuid(0))).isFalse();
    }

    @Test
    void aRacThatCannotStartIsUnsupported() {
        RacRunner missing = new RacRunner(rac.directory().resolve("no-such-rac"), LONG, StandardCharsets.UTF_8, Map.of());

        assertThatThrownBy(() -> missing.run("Cannot list", sessionList(rac)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
                .hasMessageContaining("cannot start " + rac.directory().resolve("no-such-rac"));
    }

    @Test
    void passwordsAreNeitherLoggedNorInTheWordsOfAFailure() {
        FakeRacScenario secured = FakeRacScenario.standard("runner-secret", 3).requireAdmin("Администратор", "right one");
        RacRunner runner = runner(secured, LONG, StandardCharsets.UTF_8);
        String password = "pa ss \"wq7\" 42";
        // a rac that repeats the option it cannot parse, password and all
        secured.failNext("Ошибка разбора параметра: --cluster-pwd=" + password);
        List<String> args = List.of("session", "list", "--cluster=" + CLUSTER, "--cluster-user=Администратор",
                "--cluster-pwd=" + password, "127.0.0.1:1545");

        try (CapturedLogs logs = CapturedLogs.debug(RacRunner.class)) {
            assertThatThrownBy(() -> runner.run("Cannot list", args))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa ss").doesNotContain("wq7").contains("***"));
            assertThatThrownBy(() -> runner.run("Cannot list", args))
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa ss").doesNotContain("wq7"));

            assertThat(logs.messages()).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(m -> assertThat(m).doesNotContain("pa ss").doesNotContain("wq7"))
                    .anySatisfy(m -> assertThat(m).isEqualTo("DEBUG rac session list --cluster=" + CLUSTER
                            + " --cluster-user=Администратор --cluster-pwd=*** 127.0.0.1:1545"));
        }
        assertThat(secured.calls()).as("the stand-in itself saw the password").contains(args);
    }
}
