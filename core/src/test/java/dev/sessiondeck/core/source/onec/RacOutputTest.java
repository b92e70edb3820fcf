package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.testing.RacTranscripts;
import dev.sessiondeck.core.testing.RacTranscripts.Variant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rac's {@code key : value} blocks (FIELD-NOTES.md, "1C:Enterprise server cluster", Output and Quirks). */
class RacOutputTest {

    @Test
    void readsBlocksSeparatedByABlankLine() {
        String text = """
                cluster                       : b1c2d3e4-0001-4a00-8000-0000000000c1
                host                          : srv-1c-01
                port                          : 1541
                name                          : "Главный кластер"

                cluster                       : b1c2d3e4-0002-4a00-8000-0000000000c2
                host                          : srv-1c-02
                port                          : 1641
                name                          : "Local cluster"

                """;

        List<Map<String, String>> blocks = RacOutput.blocks(text);

        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).containsExactly(Map.entry("cluster", "b1c2d3e4-0001-4a00-8000-0000000000c1"),
                Map.entry("host", "srv-1c-01"), Map.entry("port", "1541"), Map.entry("name", "Главный кластер"));
        assertThat(blocks.get(1)).containsEntry("name", "Local cluster").containsEntry("port", "1641");
    }

    @Test
    void severalBlankLinesAreOneAndLeadingOrTrailingOnesAreNothing() {
        String text = "\n\n   \ninfobase : a\nname     : \"A\"\n\n\n\n \t \ninfobase : b\nname     : \"B\"\n\n\n";

        assertThat(RacOutput.blocks(text)).containsExactly(Map.of("infobase", "a", "name", "A"),
                Map.of("infobase", "b", "name", "B"));
        assertThat(RacOutput.blocks("")).isEmpty();
        assertThat(RacOutput.blocks("\n\n\n")).isEmpty();
    }

    @Test
    void splitsOnTheFirstColonSoThatTimesKeepTheirs() {
        Map<String, String> b = RacOutput.blocks("""
                started-at                       : 2026-11-30T09:12:05
                client-ip                        : 10.0.0.5,fe80::1c:42
                descr                            : "a: b : c"
                """).get(0);

        assertThat(b).containsEntry("started-at", "2026-11-30T09:12:05")
                .containsEntry("client-ip", "10.0.0.5,fe80::1c:42")
                .containsEntry("descr", "a: b : c");
    }

    @Test
    void linesThatAreNotKeyAndValueAreNotFields() {
        String text = """
                1C:Enterprise 8.3 (x86-64) (8.3.24.1691) Remote Administration Client
                Copyright © 1996-2024 1C-Soft LLC
                Ошибка соединения с сервером администрирования
                server_addr=tcp://127.0.0.1:1546 descr=127.0.0.1:1546: Connection refused
                session    : 3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f
                : no key
                Ошибка разбора параметра: interrupt-current-server-call
                KEY        : upper case is not rac's
                session-id : 17
                """;

        assertThat(RacOutput.blocks(text)).containsExactly(
                Map.of("session", "3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", "session-id", "17"));
        assertThat(RacOutput.blocks("Администратор кластера не аутентифицирован\n")).isEmpty();
    }

    @Test
    void removesQuotesAndReadsTheEmptyQuotesAsEmpty() {
        Map<String, String> b = RacOutput.blocks("""
                name            : "Бухгалтерия предприятия"
                descr           : "Основная база \"\"Бухгалтерии\"\""
                denied-message  : ""
                permission-code : "123"
                data-separation : ''
                app-id          : 1CV8C
                user-name       : "half
                db-proc-info    :\s
                """).get(0);

        assertThat(b).containsEntry("name", "Бухгалтерия предприятия")
                .containsEntry("descr", "Основная база \"Бухгалтерии\"")
                .containsEntry("denied-message", "")
                .containsEntry("permission-code", "123")
                .containsEntry("data-separation", "")
                .containsEntry("app-id", "1CV8C")
                .containsEntry("user-name", "\"half")
                .containsEntry("db-proc-info", "");
        assertThat(RacOutput.unquote("\"\"")).isEmpty();
        assertThat(RacOutput.unquote("\"")).isEqualTo("\"");
        assertThat(RacOutput.unquote("''")).isEmpty();
        assertThat(RacOutput.unquote("'x'")).isEqualTo("'x'");
    }

    @Test
    void theSpaceOf83InDurationCurrentDbmsIsAHyphen() {
        assertThat(RacOutput.normaliseKey("duration current-dbms")).isEqualTo("duration-current-dbms");
        assertThat(RacOutput.normaliseKey("duration-current-dbms")).isEqualTo("duration-current-dbms");
        assertThat(RacOutput.blocks("duration current-dbms            : 812\n").get(0))
                .containsExactly(Map.entry("duration-current-dbms", "812"));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantGivesTheKeysOf85InRacsOrder(Variant variant) {
        Map<String, String> session = RacTranscripts.standard().sessions().get(0);

        Map<String, String> b = RacOutput.blocks(RacTranscripts.sessionBlock(session, variant)).get(0);

        assertThat(List.copyOf(b.keySet())).isEqualTo(variant.keys());
        assertThat(b).containsEntry("duration-current-dbms", session.get("duration-current-dbms"))
                .containsEntry("db-proc-took-at", session.get("db-proc-took-at"));
        if (variant == Variant.OLD_8_3_1X) {
            assertThat(b).doesNotContainKeys("memory-current", "read-total", "cpu-time-total", "data-separation", "client-ip");
        } else {
            assertThat(b).containsEntry("data-separation", "").containsEntry("client-ip", session.get("client-ip"));
        }
        assertThat(variant.keys()).hasSize(variant == Variant.OLD_8_3_1X ? 31 : 49);
    }

    @Test
    void windowsLineEndsAndCp866AreReadLikeLinux() {
        List<Map<String, String>> sessions = RacTranscripts.scene(30).sessions();
        String text = RacTranscripts.sessionList(sessions, Variant.V8_3);
        byte[] windows = RacTranscripts.encode(text, RacTranscripts.cp866(), true);
        assertThat(new String(windows, StandardCharsets.ISO_8859_1)).contains("\r\n\r\n").doesNotContain("\n\n");

        List<Map<String, String>> fromWindows = RacOutput.blocks(new String(windows, RacTranscripts.cp866()));
        List<Map<String, String>> fromLinux = RacOutput.blocks(new String(RacTranscripts.utf8(text), StandardCharsets.UTF_8));

        assertThat(fromWindows).hasSize(30).isEqualTo(fromLinux);
        assertThat(fromWindows.get(0)).containsEntry("user-name", "Бухгалтер");
        assertThat(fromWindows).allSatisfy(b -> assertThat(b.values()).noneMatch(v -> v.contains("\r")));
        assertThat(RacOutput.blocks("a : 1\r\nb : 2\r\n\r\n\r\nc : 3\r\n"))
                .containsExactly(Map.of("a", "1", "b", "2"), Map.of("c", "3"));
    }

    @Test
    void aThousandSessionsAreAThousandBlocks() {
        String text = RacTranscripts.sessionList(RacTranscripts.standard().sessions(), Variant.V8_5);

        List<Map<String, String>> blocks = RacOutput.blocks(text);

        assertThat(blocks).hasSize(RacTranscripts.STANDARD_SESSIONS);
        assertThat(blocks).allSatisfy(b -> assertThat(b).hasSize(49));
        assertThat(blocks.stream().map(b -> b.get("session")).distinct()).hasSize(RacTranscripts.STANDARD_SESSIONS);
    }
}
