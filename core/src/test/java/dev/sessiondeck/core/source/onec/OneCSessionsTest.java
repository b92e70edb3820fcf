package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.testing.RacTranscripts;
import dev.sessiondeck.core.testing.RacTranscripts.Variant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** From rac's session blocks to sessions: units, absent values, who blocks whom (FIELD-NOTES.md, Values and units). */
class OneCSessionsTest {

    private static final String DS = "prod-1c";
    private static final RacTranscripts.Scene SCENE = RacTranscripts.standard();
    private static final String MAIN = RacTranscripts.MAIN.uuid();
    private static final Map<String, String> NAMES = SCENE.infobases().stream()
            .collect(Collectors.toMap(RacTranscripts.Infobase::uuid, RacTranscripts.Infobase::name));

    /** The sessions of the main cluster as {@code variant} prints them, mapped. */
    private static List<Session> main(Variant variant) {
        return map(RacTranscripts.sessionList(SCENE.sessionsOf(MAIN), variant), null);
    }

    private static List<Session> map(String racOutput, String clusterName) {
        return OneCSessions.map(DS, MAIN, clusterName, RacOutput.blocks(racOutput), NAMES);
    }

    private static Session byUuid(List<Session> sessions, int i) {
        String uuid = RacTranscripts.sessionUuid(i);
        return sessions.stream().filter(s -> s.id().equals(uuid)).findFirst().orElseThrow(() -> new AssertionError(uuid));
    }

    private static Instant local(LocalDateTime t) {
        return t.atZone(ZoneId.systemDefault()).toInstant();
    }

    @Test
    void anActiveThinClientSessionOf85() {
        // session 0: the first of Бухгалтерия предприятия, in a server call, between connections, negative memory
        Session s = byUuid(main(Variant.V8_5), 0);

        assertThat(s.key().dataSource()).isEqualTo(DS);
        assertThat(s.key().server()).isEqualTo(MAIN);
        assertThat(s.id()).isEqualTo("5e550000-1c00-4000-8000-00000000a000");
        assertThat(s.key().identity()).isEqualTo("2026-11-30T08:00:00");
        assertThat(s.key().queryId()).isEmpty();
        assertThat(s.user()).contains("Бухгалтер");
        assertThat(s.source()).as("client-ip, both addresses").contains("10.0.0.5,fe80::1c:42");
        assertThat(s.database()).contains("Бухгалтерия предприятия");
        assertThat(s.command()).contains("Thin client");
        assertThat(s.sql()).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(s.isActive()).isTrue();
        assertThat(s.executionTime()).contains(Duration.ofMillis(1500));
        assertThat(s.background()).isFalse();
        assertThat(s.own()).isFalse();

        assertThat(s.attribute(StandardAttributes.SESSION_NUMBER)).contains(1L);
        assertThat(s.attribute(StandardAttributes.DATABASE_ID)).contains(RacTranscripts.ACCOUNTING.uuid());
        assertThat(s.attribute(StandardAttributes.BLOCKED_BY)).isEmpty();
        assertThat(s.blockingIds()).isEmpty();
        assertThat(s.attribute(OneCAttributes.APP_ID)).contains("1CV8C");
        assertThat(s.attribute(OneCAttributes.SLEEPING)).contains(false);
        assertThat(s.attribute(OneCAttributes.CLUSTER)).as("one cluster shown: no cluster column value").isEmpty();
        assertThat(s.attribute(OneCAttributes.HOST)).contains("WS-000");
        assertThat(s.attribute(OneCAttributes.LOCALE)).contains("ru_RU");
        assertThat(s.attribute(OneCAttributes.CONNECTION)).as("all-zero UUID").isEmpty();
        assertThat(s.attribute(OneCAttributes.PROCESS)).as("all-zero UUID").isEmpty();
        assertThat(s.attribute(OneCAttributes.DATA_SEPARATION)).as("''").isEmpty();
        assertThat(s.attribute(OneCAttributes.SERVICE_NAME)).as("empty").isEmpty();

        assertThat(s.attribute(OneCAttributes.STARTED_AT)).contains(local(RacTranscripts.FIRST_START));
        assertThat(s.attribute(OneCAttributes.LAST_ACTIVE_AT)).contains(local(RacTranscripts.FIRST_START.plusSeconds(60)));
        assertThat(s.attribute(OneCAttributes.DB_PROC_TOOK_AT)).contains(local(RacTranscripts.FIRST_START.plusSeconds(30)));
        assertThat(s.attribute(OneCAttributes.DB_PROC_INFO)).contains("4000");

        // milliseconds
        assertThat(s.attribute(OneCAttributes.DURATION_CURRENT)).contains(Duration.ofMillis(1500));
        assertThat(s.attribute(OneCAttributes.DURATION_5MIN)).contains(Duration.ZERO);
        assertThat(s.attribute(OneCAttributes.DURATION_ALL)).contains(Duration.ofMillis(5000));
        assertThat(s.attribute(OneCAttributes.DBMS_TIME_CURRENT)).as("duration-current-dbms").contains(Duration.ofMillis(700));
        assertThat(s.attribute(OneCAttributes.DBMS_TIME_ALL)).contains(Duration.ofMillis(1500));
        assertThat(s.attribute(OneCAttributes.DB_PROC_TOOK)).contains(Duration.ofMillis(250));
        assertThat(s.attribute(OneCAttributes.CPU_CURRENT)).contains(Duration.ofMillis(900));
        assertThat(s.attribute(OneCAttributes.CPU_TOTAL)).contains(Duration.ofMillis(3000));
        assertThat(s.attribute(OneCAttributes.SERVICE_ALL)).contains(Duration.ofMillis(10));
        // seconds
        assertThat(s.attribute(OneCAttributes.HIBERNATE_AFTER)).as("0 is a value, not absent").contains(Duration.ZERO);
        // bytes, counts
        assertThat(s.attribute(OneCAttributes.MEMORY_CURRENT)).as("negative: freed more than allocated").contains(-1024L);
        assertThat(s.attribute(OneCAttributes.MEMORY_5MIN)).contains(65_536L);
        assertThat(s.attribute(OneCAttributes.MEMORY_TOTAL)).contains(1_048_576L);
        assertThat(s.attribute(OneCAttributes.DATA_TOTAL)).contains(100_000L);
        assertThat(s.attribute(OneCAttributes.DATA_5MIN)).contains(0L);
        assertThat(s.attribute(OneCAttributes.DBMS_TOTAL)).contains(2_000_000L);
        assertThat(s.attribute(OneCAttributes.READ_CURRENT)).contains(8_192L);
        assertThat(s.attribute(OneCAttributes.WRITE_TOTAL)).contains(500_000L);
        assertThat(s.attribute(OneCAttributes.CALLS_TOTAL)).contains(50L);
        assertThat(s.attribute(OneCAttributes.CALLS_5MIN)).contains(0L);
        assertThat(s.attribute(OneCAttributes.BLOCKED_BY_DBMS)).as("0 is none").isEmpty();
        assertThat(s.attribute(OneCAttributes.BLOCKED_BY_LS)).isEmpty();
    }

    @Test
    void aHibernatedSessionCountsItsHibernateTimesInSeconds() {
        // session 3: hibernated, no connection, no process, no server call
        Session s = byUuid(main(Variant.V8_5), 3);

        assertThat(s.attribute(OneCAttributes.SLEEPING)).contains(true);
        assertThat(s.attribute(OneCAttributes.HIBERNATE_AFTER)).contains(Duration.ofSeconds(1200));
        assertThat(s.attribute(OneCAttributes.TERMINATE_AFTER)).contains(Duration.ofDays(1));
        assertThat(s.attribute(OneCAttributes.CONNECTION)).isEmpty();
        assertThat(s.attribute(OneCAttributes.PROCESS)).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.isActive()).isFalse();
        assertThat(s.executionTime()).as("no server call: no execution time").isEmpty();
        assertThat(s.attribute(OneCAttributes.DURATION_CURRENT)).contains(Duration.ZERO);
        assertThat(s.attribute(OneCAttributes.DB_PROC_TOOK_AT)).as("empty time").isEmpty();
    }

    @Test
    void aConnectedIdleSessionHasItsConnectionAndProcess() {
        // session 1: Зарплата и управление персоналом, thin client, connected, idle
        Session s = byUuid(main(Variant.V8_5), 1);

        assertThat(s.attribute(OneCAttributes.CONNECTION)).contains("c0000000-0000-4000-8000-000000000001");
        assertThat(s.attribute(OneCAttributes.PROCESS)).contains("f0000000-0000-4000-8000-000000000001");
        assertThat(s.database()).contains("Зарплата и управление персоналом");
        assertThat(s.attribute(StandardAttributes.SESSION_NUMBER)).contains(1L);
        assertThat(s.source()).contains("10.0.1.2");
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.attribute(OneCAttributes.MEMORY_CURRENT)).contains(4096L);
    }

    @Test
    void backgroundJobsAndTheClusterConsoleAreBackground() {
        List<Session> sessions = main(Variant.V8_5);
        Session job = byUuid(sessions, 4);
        Session console = byUuid(sessions, 9);

        assertThat(job.background()).isTrue();
        assertThat(job.command()).contains("Background job");
        assertThat(job.attribute(OneCAttributes.APP_ID)).contains("BackgroundJob");
        assertThat(job.user()).as("no user-name").isEmpty();
        assertThat(job.source()).as("no client-ip: the computer").contains("WS-004");
        assertThat(console.background()).isTrue();
        assertThat(console.command()).contains("Cluster console");
        assertThat(byUuid(sessions, 15).command()).contains("Designer");
        assertThat(byUuid(sessions, 15).background()).isFalse();
        assertThat(OneCSessions.application("SomethingNew")).isEqualTo("SomethingNew");
        assertThat(OneCSessions.application(null)).isNull();
    }

    @Test
    void blockersAreResolvedFromTheirSessionNumberToTheirUuid() {
        List<Session> sessions = main(Variant.V8_3);
        // Бухгалтерия предприятия: session number 1 is session 0, 2 is 3, 3 is 6, 4 is 9, 5 is 12
        Session two = byUuid(sessions, 3);
        Session three = byUuid(sessions, 6);
        Session five = byUuid(sessions, 12);

        assertThat(two.attribute(OneCAttributes.BLOCKED_BY_DBMS)).contains(1L);
        assertThat(two.blockingIds()).containsExactly(RacTranscripts.sessionUuid(0));
        assertThat(three.attribute(OneCAttributes.BLOCKED_BY_DBMS)).contains(2L);
        assertThat(three.blockingIds()).containsExactly(RacTranscripts.sessionUuid(3));
        assertThat(five.attribute(OneCAttributes.BLOCKED_BY_LS)).contains(4L);
        assertThat(five.attribute(OneCAttributes.BLOCKED_BY_DBMS)).isEmpty();
        assertThat(five.blockingIds()).containsExactly(RacTranscripts.sessionUuid(9));
        assertThat(sessions.stream().filter(s -> !s.blockingIds().isEmpty())).hasSize(3);
        assertThat(two.attribute(StandardAttributes.LOCK_WAITED)).contains("DBMS lock held by session 1");
        assertThat(five.attribute(StandardAttributes.LOCK_WAITED)).contains("managed lock held by session 4");
        // 1 <- 2 <- 3 in Бухгалтерия: one root holding up two
        BlockingTree tree = BlockingTree.of(sessions);
        assertThat(tree.roots()).filteredOn(r -> r.id().equals(RacTranscripts.sessionUuid(0)))
                .singleElement().satisfies(r -> assertThat(r.heldUp()).isEqualTo(2));
    }

    @Test
    void aBlockerIsLookedForInTheSameInfobaseOnly() {
        // Зарплата's number 2 (session 4) waits for number 1 there (session 1), not for Бухгалтерия's number 1 (session 0);
        // Зарплата's number 3 (session 7) waits for a number no listed session has, in the DBMS and in managed locks
        List<Map<String, String>> blocks = SCENE.sessionsOf(MAIN).stream().map(s -> {
            Map<String, String> b = new LinkedHashMap<>(s);
            if (b.get("session").equals(RacTranscripts.sessionUuid(4))) {
                b.put("blocked-by-dbms", "1");
            }
            if (b.get("session").equals(RacTranscripts.sessionUuid(7))) {
                b.put("blocked-by-dbms", "999");
                b.put("blocked-by-ls", "1");
            }
            return b;
        }).toList();

        List<Session> sessions = map(RacTranscripts.sessionList(blocks, Variant.V8_5), null);

        assertThat(byUuid(sessions, 4).blockingIds()).containsExactly(RacTranscripts.sessionUuid(1));
        assertThat(byUuid(sessions, 7).attribute(OneCAttributes.BLOCKED_BY_DBMS)).contains(999L);
        assertThat(byUuid(sessions, 7).blockingIds()).as("999 is not listed; 1 by managed locks is")
                .containsExactly(RacTranscripts.sessionUuid(1));
    }

    @Test
    void sessionsOf83AndOf85AreTheSame() {
        List<Session> of83 = main(Variant.V8_3);
        List<Session> of85 = main(Variant.V8_5);

        assertThat(of83).isEqualTo(of85);
        assertThat(RacTranscripts.sessionList(SCENE.sessionsOf(MAIN), Variant.V8_3)).contains("duration current-dbms ")
                .doesNotContain("duration-current-dbms");
        assertThat(byUuid(of83, 0).attribute(OneCAttributes.DBMS_TIME_CURRENT)).contains(Duration.ofMillis(700));
    }

    @Test
    void anOldPlatformLeavesTheLaterCountersAbsentNotZero() {
        List<Session> old = main(Variant.OLD_8_3_1X);
        Session s = byUuid(old, 0);

        for (Attribute<?> later : List.of(OneCAttributes.MEMORY_CURRENT, OneCAttributes.MEMORY_5MIN,
                OneCAttributes.MEMORY_TOTAL, OneCAttributes.READ_CURRENT, OneCAttributes.READ_5MIN,
                OneCAttributes.READ_TOTAL, OneCAttributes.WRITE_CURRENT, OneCAttributes.WRITE_5MIN,
                OneCAttributes.WRITE_TOTAL, OneCAttributes.SERVICE_NAME, OneCAttributes.SERVICE_CURRENT,
                OneCAttributes.SERVICE_5MIN, OneCAttributes.SERVICE_ALL, OneCAttributes.CPU_CURRENT,
                OneCAttributes.CPU_5MIN, OneCAttributes.CPU_TOTAL, OneCAttributes.DATA_SEPARATION)) {
            assertThat(s.attribute(later)).as(later.id()).isEmpty();
        }
        assertThat(s.source()).as("no client-ip: the computer").contains("WS-000");
        assertThat(s.attribute(OneCAttributes.DURATION_CURRENT)).contains(Duration.ofMillis(1500));
        assertThat(s.attribute(OneCAttributes.DBMS_TIME_5MIN)).contains(Duration.ZERO);
        assertThat(s.isActive()).isTrue();
        assertThat(s.attribute(StandardAttributes.SESSION_NUMBER)).contains(1L);
        assertThat(byUuid(old, 3).blockingIds()).containsExactly(RacTranscripts.sessionUuid(0));
        assertThat(old).hasSameSizeAs(main(Variant.V8_5));
    }

    @Test
    void aBlockWithoutTheUsualKeysIsStillASession() {
        List<Session> sessions = map("""
                session    : 3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f
                app-id     : SomethingNew
                memory-current : not a number

                session-id : 17

                """, null);

        assertThat(sessions).as("a block without a session UUID is no session").hasSize(1);
        Session s = sessions.get(0);
        assertThat(s.key().identity()).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.IDLE);
        assertThat(s.user()).isEmpty();
        assertThat(s.database()).isEmpty();
        assertThat(s.attribute(StandardAttributes.DATABASE_ID)).isEmpty();
        assertThat(s.attribute(StandardAttributes.SESSION_NUMBER)).isEmpty();
        assertThat(s.attribute(OneCAttributes.MEMORY_CURRENT)).as("not a number: absent").isEmpty();
        assertThat(s.attribute(OneCAttributes.SLEEPING)).isEmpty();
        assertThat(s.command()).contains("SomethingNew");
        assertThat(s.background()).isFalse();
    }

    @Test
    void anInfobaseWithoutAKnownNameShowsItsUuid() {
        String unknown = "99999999-4a5b-4c6d-8e7f-901a2b3c4d99";
        List<Session> sessions = OneCSessions.map(DS, MAIN, "Главный кластер", RacOutput.blocks(
                "session  : 3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f\ninfobase : " + unknown + "\nsession-id : 4\n"), Map.of());

        assertThat(sessions.get(0).database()).contains(unknown);
        assertThat(sessions.get(0).attribute(StandardAttributes.DATABASE_ID)).contains(unknown);
        assertThat(sessions.get(0).attribute(OneCAttributes.CLUSTER)).as("several clusters shown").contains("Главный кластер");
    }

    @Test
    void serverTimesAreReadInThisMachinesZoneAndEmptyOrZeroTimesAreAbsent() {
        assertThat(OneCSessions.instant("2026-11-30T09:12:05"))
                .isEqualTo(LocalDateTime.of(2026, 11, 30, 9, 12, 5).atZone(ZoneId.systemDefault()).toInstant());
        assertThat(OneCSessions.instant(" 2026-11-30T09:12:05 ")).isNotNull();
        assertThat(OneCSessions.instant("")).isNull();
        assertThat(OneCSessions.instant(null)).isNull();
        assertThat(OneCSessions.instant("0001-01-01T00:00:00")).isNull();
        assertThat(OneCSessions.instant("0000-00-00T00:00:00")).isNull();
        assertThat(OneCSessions.instant("30.11.2026 09:12:05")).isNull();
        assertThat(OneCSessions.whole(" 42 ")).isEqualTo(42L);
        assertThat(OneCSessions.whole("-7")).isEqualTo(-7L);
        assertThat(OneCSessions.whole("1.5")).isNull();
        assertThat(OneCSessions.whole("")).isNull();
    }

    @Test
    void windowsOutputInCp866WithCrlfMapsLikeLinuxOutput() {
        String text = RacTranscripts.sessionList(SCENE.sessionsOf(MAIN), Variant.V8_3);
        byte[] windows = RacTranscripts.encode(text, RacTranscripts.cp866(), true);

        List<Session> fromWindows = map(new String(windows, RacTranscripts.cp866()).replace("\r\n", "\n"), null);
        List<Session> withCrLeft = map(new String(windows, RacTranscripts.cp866()), null);

        assertThat(fromWindows).isEqualTo(main(Variant.V8_5));
        assertThat(withCrLeft).isEqualTo(fromWindows);
        assertThat(byUuid(fromWindows, 0).database()).contains("Бухгалтерия предприятия");
        assertThat(new String(windows, StandardCharsets.UTF_8)).as("not UTF-8").doesNotContain("Бухгалтер");
    }

    @Test
    void aThousandSessionsAreAThousandSessions() {
        List<Map<String, String>> blocks = RacOutput.blocks(RacTranscripts.sessionList(SCENE.sessions(), Variant.V8_3));

        List<Session> sessions = OneCSessions.map(DS, MAIN, null, blocks, NAMES);

        assertThat(sessions).hasSize(RacTranscripts.STANDARD_SESSIONS);
        assertThat(sessions.stream().map(Session::id).distinct()).hasSize(RacTranscripts.STANDARD_SESSIONS);
        long active = IntStream.range(0, RacTranscripts.STANDARD_SESSIONS).filter(RacTranscripts::active).count();
        long sleeping = IntStream.range(0, RacTranscripts.STANDARD_SESSIONS).filter(RacTranscripts::hibernated).count();
        long background = IntStream.range(0, RacTranscripts.STANDARD_SESSIONS)
                .filter(i -> RacTranscripts.appId(i).equals("BackgroundJob") || RacTranscripts.appId(i).equals("SrvrConsole"))
                .count();
        assertThat(active).isBetween(100L, 300L);
        assertThat(sessions.stream().filter(Session::isActive).count()).isEqualTo(active);
        assertThat(sessions.stream().filter(s -> s.attribute(OneCAttributes.SLEEPING).orElse(false)).count()).isEqualTo(sleeping);
        assertThat(sessions.stream().filter(Session::background).count()).isEqualTo(background).isPositive();
        assertThat(sessions.stream().filter(s -> s.attribute(OneCAttributes.MEMORY_CURRENT).orElse(0L) < 0).count())
                .isPositive();
        assertThat(sessions.stream().filter(s -> s.source().orElse("").contains(",")).count()).isPositive();
        Map<String, Long> perInfobase = sessions.stream()
                .collect(Collectors.groupingBy(s -> s.database().orElseThrow(), Collectors.counting()));
        assertThat(perInfobase).containsOnlyKeys(NAMES.values()).containsEntry("Бухгалтерия предприятия", 334L)
                .containsEntry("Зарплата и управление персоналом", 333L).containsEntry("Управление торговлей", 333L);
        // session numbers are unique per infobase, 1 to n
        Map<String, List<Long>> numbers = sessions.stream().collect(Collectors.groupingBy(s -> s.database().orElseThrow(),
                Collectors.mapping(s -> s.attribute(StandardAttributes.SESSION_NUMBER).orElseThrow(), Collectors.toList())));
        numbers.forEach((ib, n) -> assertThat(n).as(ib).doesNotHaveDuplicates().contains(1L, (long) n.size()));
        assertThat(sessions.stream().collect(Collectors.toMap(Session::id, Function.identity()))).hasSize(1000);
    }
}
