package dev.sessiondeck.core.source.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.testing.CapturedLogs;
import dev.sessiondeck.core.testing.FakeRacScenario;
import dev.sessiondeck.core.testing.RacTranscripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 1C data source end to end, through {@link SessionSources#open} and the stand-in rac
 * ({@link FakeRacScenario}): listing, searching, terminating, interrupting, locking, and failures.
 */
class OneCSessionSourceIT {

    private static final String MAIN = RacTranscripts.MAIN.uuid();
    private static final String SPARE = RacTranscripts.SPARE.uuid();
    private static final String ACCOUNTING = RacTranscripts.ACCOUNTING.uuid();
    private static final String PAYROLL = RacTranscripts.PAYROLL.uuid();
    private static final String TRADE = RacTranscripts.TRADE.uuid();
    /** The 1,000 sessions, read only by the tests that share it. */
    private static FakeRacScenario thousand;

    @BeforeAll
    static void scenario() {
        thousand = FakeRacScenario.standard("source-1000");
    }

    private static SessionSource open(ConnectionSpec spec) throws SourceException {
        return SessionSources.loaded().open(spec);
    }

    private static SessionSource open(FakeRacScenario rac) throws SourceException {
        return open(rac.spec().build());
    }

    private static Session find(Snapshot snapshot, int i) {
        String uuid = RacTranscripts.sessionUuid(i);
        return snapshot.sessions().stream().filter(s -> s.id().equals(uuid)).findFirst()
                .orElseThrow(() -> new AssertionError("not listed: " + uuid));
    }

    private static void withSource(FakeRacScenario rac, ThrowingConsumer<SessionSource> test) throws Throwable {
        try (SessionSource source = open(rac)) {
            test.accept(source);
        }
    }

    private static ThrowingConsumer<Throwable> kind(Kind kind) {
        return e -> assertThat(((SourceException) e).kind()).as(e.getMessage()).isEqualTo(kind);
    }

    /** The argument of a call that starts with {@code option=}, or empty. */
    private static Optional<String> option(List<String> call, String option) {
        return call.stream().filter(a -> a.startsWith("--" + option + "=")).map(a -> a.substring(option.length() + 3))
                .findFirst();
    }

    // ---- listing

    @Test
    void listsEveryClusterOfTheRas() throws Throwable {
        thousand.clearCalls();
        withSource(thousand, source -> {
            Snapshot snapshot = source.snapshot();

            assertThat(snapshot.sessions()).hasSize(RacTranscripts.STANDARD_SESSIONS);
            assertThat(snapshot.dataSource()).isEqualTo(source.name());
            assertThat(source.describe()).isEqualTo("1C:Enterprise cluster Главный кластер, Local cluster");
            assertThat(source.sqlDialect()).as("1C lists server calls, not SQL").isEmpty();
            assertThat(source.attributes()).isEqualTo(OneCAttributes.ALL);
            assertThat(source.actions()).containsExactly(OneCActions.TERMINATE, OneCActions.INTERRUPT, OneCActions.LOCK);
            Map<String, Long> perCluster = snapshot.sessions().stream()
                    .collect(Collectors.groupingBy(s -> s.key().server(), Collectors.counting()));
            assertThat(perCluster).containsOnly(Map.entry(MAIN, 667L), Map.entry(SPARE, 333L));
            assertThat(snapshot.sessions().get(0).key().server()).as("in rac's order of clusters").isEqualTo(MAIN);
            assertThat(snapshot.sessions().get(999).key().server()).isEqualTo(SPARE);
            assertThat(find(snapshot, 2).attribute(OneCAttributes.CLUSTER)).as("two clusters shown").contains("Local cluster");
            assertThat(find(snapshot, 0).attribute(OneCAttributes.CLUSTER)).contains("Главный кластер");
            assertThat(snapshot.sessions().stream().map(s -> s.database().orElseThrow()).distinct())
                    .containsExactlyInAnyOrder("Бухгалтерия предприятия", "Зарплата и управление персоналом",
                            "Управление торговлей");
            assertThat(find(snapshot, 3).blockingIds()).containsExactly(RacTranscripts.sessionUuid(0));
            assertThat(snapshot.sessions()).filteredOn(Session::isActive).isNotEmpty();
            assertThat(snapshot.sessions()).filteredOn(Session::background).isNotEmpty();

            source.snapshot();
        });
        List<List<String>> calls = thousand.calls();
        assertThat(thousand.calls("cluster list")).containsExactly(List.of("cluster", "list", "127.0.0.1:1545"));
        assertThat(thousand.calls("session help")).containsExactly(List.of("session", "help"));
        assertThat(thousand.calls("infobase summary list")).as("listed at open, kept for a minute")
                .containsExactlyInAnyOrder(List.of("infobase", "summary", "list", "--cluster=" + MAIN, "127.0.0.1:1545"),
                        List.of("infobase", "summary", "list", "--cluster=" + SPARE, "127.0.0.1:1545"));
        assertThat(thousand.calls("session list")).hasSize(4)
                .allSatisfy(c -> assertThat(option(c, "infobase")).isEmpty());
        assertThat(calls).hasSize(8);
    }

    @Test
    void listsOneClusterNamedByItsNameOrUuid() throws Throwable {
        thousand.clearCalls();
        try (SessionSource byName = open(thousand.spec().option("cluster", "Local cluster").build());
             SessionSource byUuid = open(thousand.spec().option("cluster", MAIN.toUpperCase(java.util.Locale.ROOT)).build())) {
            List<Session> spare = byName.snapshot().sessions();
            List<Session> main = byUuid.snapshot().sessions();

            assertThat(spare).hasSize(333).allSatisfy(s -> {
                assertThat(s.key().server()).isEqualTo(SPARE);
                assertThat(s.database()).contains("Управление торговлей");
                assertThat(s.attribute(OneCAttributes.CLUSTER)).as("one cluster shown").isEmpty();
            });
            assertThat(main).hasSize(667).allSatisfy(s -> assertThat(s.key().server()).isEqualTo(MAIN));
            assertThat(byName.describe()).isEqualTo("1C:Enterprise cluster Local cluster");
        }
        assertThat(thousand.calls("session list")).extracting(c -> option(c, "cluster").orElseThrow())
                .containsExactlyInAnyOrder(SPARE, MAIN);

        assertThatThrownBy(() -> open(thousand.spec().option("cluster", "Нет такого").build()))
                .satisfies(kind(Kind.SESSION_GONE))
                .hasMessageContaining("ras manages no cluster 'Нет такого' (it has Главный кластер, Local cluster)");
    }

    @Test
    void listsOneInfobaseNamedByItsNameOrUuid() throws Throwable {
        thousand.clearCalls();
        try (SessionSource byName = open(thousand.spec().option("infobase", "Зарплата и управление персоналом").build());
             SessionSource byUuid = open(thousand.spec().option("infobase", TRADE).build())) {
            assertThat(byName.snapshot().sessions()).hasSize(333).allSatisfy(s -> {
                assertThat(s.database()).contains("Зарплата и управление персоналом");
                assertThat(s.attribute(StandardAttributes.DATABASE_ID)).contains(PAYROLL);
            });
            assertThat(byUuid.snapshot().sessions()).hasSize(333)
                    .allSatisfy(s -> assertThat(s.attribute(StandardAttributes.DATABASE_ID)).contains(TRADE));
        }
        assertThat(thousand.calls("session list")).extracting(c -> option(c, "infobase").orElseThrow())
                .containsOnly(PAYROLL, TRADE);

        assertThatThrownBy(() -> open(thousand.spec().option("infobase", "Нет такой").build()))
                .satisfies(kind(Kind.SESSION_GONE)).hasMessageContaining("has no infobase 'Нет такой'");
    }

    @Test
    void sessionsAreFoundByNumberAndByInfobaseUuidThroughTheFilter() throws Throwable {
        withSource(thousand, source -> {
            List<Session> all = source.snapshot().sessions();
            SessionFilter any = SessionFilter.ALL.withShowBackground(true);

            List<Session> seventeen = all.stream().filter(any.withId(SessionFilter.parseId(" 17 "))).toList();
            assertThat(seventeen).as("number 17 of each infobase").hasSize(3)
                    .allSatisfy(s -> assertThat(s.attribute(StandardAttributes.SESSION_NUMBER)).contains(17L))
                    .extracting(s -> s.attribute(StandardAttributes.DATABASE_ID).orElseThrow())
                    .containsExactlyInAnyOrder(ACCOUNTING, PAYROLL, TRADE);
            String uuid = RacTranscripts.sessionUuid(500);
            assertThat(all.stream().filter(any.withId(Optional.of(uuid.toUpperCase(java.util.Locale.ROOT)))))
                    .extracting(Session::id).containsExactly(uuid);

            List<Session> trade = all.stream().filter(any.withDatabase(TRADE.substring(24))).toList();
            assertThat(trade).hasSize(333).allSatisfy(s -> assertThat(s.database()).contains("Управление торговлей"));
            assertThat(all.stream().filter(any.withDatabase("БУХГАЛТЕРИЯ"))).hasSize(334);
            assertThat(all.stream().filter(any.withDatabase(ACCOUNTING).withId(Optional.of("2"))))
                    .extracting(Session::id).containsExactly(RacTranscripts.sessionUuid(3));
            assertThat(any.withDatabase(TRADE).testAll(all).cardinality()).isEqualTo(333);
        });
    }

    // ---- terminate

    @Test
    void terminatesWithAMessageAndSeesTheSessionGone() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-terminate", 60);
        withSource(rac, source -> {
            Session victim = find(source.snapshot(), 1);
            String message = "Обновление конфигурации: зайдите через 10 минут";

            ActionResult r = source.perform(OneCActions.TERMINATE, victim.key(), Map.of("message", "  " + message + " "));

            assertThat(r.verified()).isTrue();
            assertThat(r.key()).isEqualTo(victim.key());
            assertThat(rac.hasSession(victim.id())).isFalse();
            assertThat(rac.calls("session terminate")).containsExactly(List.of("session", "terminate",
                    "--session=" + victim.id(), "--error-message=" + message, "--cluster=" + MAIN, "127.0.0.1:1545"));
            assertThat(source.snapshot().sessions()).extracting(Session::id).doesNotContain(victim.id()).hasSize(59);

            // Close Session of the window (no message), through kill
            Session other = find(source.snapshot(), 4);
            KillResult k = source.kill(other.key(), KillMode.SESSION);
            assertThat(k.verified()).isTrue();
            assertThat(rac.calls("session terminate").get(1)).noneMatch(a -> a.startsWith("--error-message"));
            ActionResult viaDefault = source.perform(SessionAction.CLOSE_SESSION, find(source.snapshot(), 7).key(), Map.of());
            assertThat(viaDefault.verified()).isTrue();
            assertThat(rac.hasSession(RacTranscripts.sessionUuid(7))).isFalse();
        });
    }

    @Test
    void aSessionThatEndedMeanwhileIsGoneAndNothingIsTerminated() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-gone", 30);
        withSource(rac, source -> {
            Session victim = find(source.snapshot(), 1);
            rac.removeSession(victim.id());

            assertThatThrownBy(() -> source.perform(OneCActions.TERMINATE, victim.key(), Map.of("message", "x")))
                    .satisfies(kind(Kind.SESSION_GONE)).hasMessageContaining("the session has ended");
            assertThat(rac.calls("session terminate")).isEmpty();
            assertThat(rac.calls("session info")).hasSize(1);
        });
    }

    @Test
    void aSessionIdThatNowNamesASessionWithAnotherStartIsGone() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-restarted", 30);
        withSource(rac, source -> {
            Session victim = find(source.snapshot(), 1);
            rac.setSessionValue(victim.id(), "started-at", "2026-11-30T12:34:56");

            assertThatThrownBy(() -> source.perform(OneCActions.TERMINATE, victim.key(), Map.of()))
                    .satisfies(kind(Kind.SESSION_GONE))
                    .hasMessageContaining("started at 2026-11-30T12:34:56, not 2026-11-30T08:00:07");
            assertThat(rac.calls("session terminate")).isEmpty();
            assertThat(rac.hasSession(victim.id())).isTrue();

            // a bare id (typed on the command line) has no start to compare: it is terminated
            SessionKey bare = new SessionKey(source.name(), MAIN, victim.id(), "", OptionalLong.empty());
            assertThat(source.kill(bare, KillMode.SESSION).verified()).isTrue();
            assertThat(rac.hasSession(victim.id())).isFalse();
        });
    }

    @Test
    void aTerminateTheClusterRefusesIsAPrivilegeFailure() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-refused", 30);
        withSource(rac, source -> {
            Session victim = find(source.snapshot(), 1);
            rac.failNext("session terminate", "Недостаточно прав пользователя на управление кластером", 255);

            assertThatThrownBy(() -> source.perform(OneCActions.TERMINATE, victim.key(), Map.of()))
                    .satisfies(kind(Kind.PRIVILEGE))
                    .hasMessageStartingWith("Cannot close session " + victim.id() + " on " + source.name());
            assertThat(rac.hasSession(victim.id())).isTrue();
        });
    }

    @Test
    void aBareIdIsLookedForInEveryClusterShown() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-bare-id", 30);
        withSource(rac, source -> {
            source.snapshot();
            String unknown = "0badc0de-1c00-4000-8000-000000000000";
            assertThatThrownBy(() -> source.kill(SessionKey.ofId(source.name(), unknown), KillMode.SESSION))
                    .satisfies(kind(Kind.SESSION_GONE)).hasMessageContaining("no cluster of this data source has that session");
            assertThat(rac.calls("session terminate")).isEmpty();

            String uuid = RacTranscripts.sessionUuid(1);
            KillResult r = source.kill(SessionKey.ofId(source.name(), uuid), KillMode.SESSION);
            assertThat(r.verified()).isTrue();
            assertThat(r.key().server()).isEqualTo(MAIN);
            assertThat(rac.hasSession(uuid)).isFalse();
        });
    }

    @Test
    void anIdThatIsNotAUuidOrOfAnotherClusterIsRefusedBeforeRacRuns() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-refuse", 30);
        withSource(rac, source -> {
            source.snapshot();
            int before = rac.calls().size();

            for (String id : List.of("42", "--cluster-pwd=x", "5e550001-1c00-4000-8000-00000000a001 --x")) {
                SessionKey key = new SessionKey(source.name(), MAIN, id, "", OptionalLong.empty());
                assertThatThrownBy(() -> source.perform(OneCActions.TERMINATE, key, Map.of())).as(id)
                        .satisfies(kind(Kind.REFUSED));
            }
            assertThatThrownBy(() -> source.kill(new SessionKey(source.name(), MAIN, "42", "", OptionalLong.empty()),
                    KillMode.QUERY)).satisfies(kind(Kind.REFUSED)).hasMessageContaining("a 1C session id is a UUID, not '42'");
            String uuid = RacTranscripts.sessionUuid(1);
            assertThatThrownBy(() -> source.kill(new SessionKey(source.name(), "b1c2d3e4-0009-4a00-8000-0000000000c9", uuid,
                    "", OptionalLong.empty()), KillMode.SESSION)).as("another cluster").satisfies(kind(Kind.REFUSED));
            assertThatThrownBy(() -> source.kill(new SessionKey("another", MAIN, uuid, "", OptionalLong.empty()),
                    KillMode.SESSION)).as("another data source").satisfies(kind(Kind.REFUSED));

            assertThat(rac.calls()).as("rac never ran").hasSize(before);
            assertThat(rac.hasSession(uuid)).isTrue();
        });
    }

    // ---- interrupt

    @Test
    void interruptsTheServerCallAndTheSessionStays() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-interrupt", 30);
        withSource(rac, source -> {
            Snapshot snapshot = source.snapshot();
            Session busy = find(snapshot, 0);
            Session idle = find(snapshot, 1);
            assertThat(busy.isActive()).isTrue();
            assertThat(source.unavailable(OneCActions.INTERRUPT, busy)).isEmpty();
            assertThat(source.unavailable(OneCActions.INTERRUPT, idle)).as("no server call").isPresent();

            ActionResult r = source.perform(OneCActions.INTERRUPT, busy.key(), Map.of("message", "Отчёт слишком долгий"));

            assertThat(r.verified()).isTrue();
            assertThat(rac.hasSession(busy.id())).isTrue();
            assertThat(rac.sessionValue(busy.id(), "duration-current")).contains("0");
            assertThat(rac.calls("session interrupt-current-server-call")).containsExactly(List.of("session",
                    "interrupt-current-server-call", "--session=" + busy.id(), "--error-message=Отчёт слишком долгий",
                    "--cluster=" + MAIN, "127.0.0.1:1545"));
            Session after = find(source.snapshot(), 0);
            assertThat(after.isActive()).isFalse();
            assertThat(after.key()).isEqualTo(busy.key());

            assertThatThrownBy(() -> source.perform(OneCActions.INTERRUPT, idle.key(), Map.of()))
                    .satisfies(kind(Kind.SESSION_GONE)).hasMessageContaining("runs no server call");
            assertThat(source.kill(find(snapshot, 4).key(), KillMode.QUERY).verified()).as("session 4 is active").isTrue();
        });
    }

    @Test
    void anOldRacCannotInterruptAndSaysWhy() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-old", 30).oldRac(true);
        withSource(rac, source -> {
            Session busy = find(source.snapshot(), 0);

            assertThat(source.unavailable(OneCActions.INTERRUPT, busy)).hasValueSatisfying(t -> {
                assertThat(t.key()).isEqualTo("action.interrupt.unsupported");
                assertThat(t.english()).contains("8.3.15");
            });
            assertThat(source.unavailable(OneCActions.TERMINATE, busy)).isEmpty();
            assertThatThrownBy(() -> source.perform(OneCActions.INTERRUPT, busy.key(), Map.of()))
                    .satisfies(kind(Kind.UNSUPPORTED)).hasMessageContaining("cannot interrupt a server call");
            assertThat(rac.calls("session interrupt-current-server-call")).isEmpty();
            assertThat(rac.sessionValue(busy.id(), "duration-current")).isNotEqualTo(Optional.of("0"));
        });
        // were it asked anyway, this rac would not know the command
        RacRunner runner = new RacRunner(rac.rac(), Duration.ofSeconds(30), java.nio.charset.StandardCharsets.UTF_8, Map.of());
        assertThatThrownBy(() -> runner.run("Cannot interrupt", List.of("session", "interrupt-current-server-call",
                "--cluster=" + MAIN, "--session=" + RacTranscripts.sessionUuid(0), "127.0.0.1:1545")))
                .satisfies(kind(Kind.UNSUPPORTED)).hasMessageContaining("Ошибка разбора параметра: interrupt-current-server-call");
    }

    // ---- lock

    @Test
    void locksAndUnlocksTheInfobaseOfASession() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-lock", 30);
        withSource(rac, source -> {
            Session session = find(source.snapshot(), 1);
            assertThat(source.unavailable(OneCActions.LOCK, session)).isEmpty();
            assertThat(source.readParameters(OneCActions.LOCK, session)).containsExactly(Map.entry("sessionsDeny", "false"),
                    Map.entry("deniedFrom", ""), Map.entry("deniedTo", ""), Map.entry("deniedMessage", ""),
                    Map.entry("permissionCode", ""), Map.entry("scheduledJobsDeny", "false"));

            Map<String, String> lock = new LinkedHashMap<>();
            lock.put("sessionsDeny", "true");
            lock.put("deniedFrom", "2026-12-01 18:00");
            lock.put("deniedTo", "2026-12-01T20:30:00");
            lock.put("deniedMessage", "Обновление \"ЗУП\" до 20:30");
            lock.put("permissionCode", "КОД-123");
            lock.put("scheduledJobsDeny", "true");
            ActionResult locked = source.perform(OneCActions.LOCK, session.key(), lock);

            assertThat(locked.verified()).isTrue();
            assertThat(locked.detail().map(Text::english)).hasValue("new sessions of Зарплата и управление персоналом are denied"
                    + " (from 2026-12-01T18:00:00 to 2026-12-01T20:30:00)");
            assertThat(rac.calls("infobase update")).containsExactly(List.of("infobase", "update", "--infobase=" + PAYROLL,
                    "--sessions-deny=on", "--denied-from=2026-12-01T18:00:00", "--denied-to=2026-12-01T20:30:00",
                    "--denied-message=Обновление \"ЗУП\" до 20:30", "--permission-code=КОД-123", "--scheduled-jobs-deny=on",
                    "--cluster=" + MAIN, "127.0.0.1:1545"));
            assertThat(rac.infobaseInfo(PAYROLL)).containsEntry("sessions-deny", "on")
                    .containsEntry("denied-from", "2026-12-01T18:00:00").containsEntry("denied-to", "2026-12-01T20:30:00")
                    .containsEntry("denied-message", "Обновление \"ЗУП\" до 20:30").containsEntry("permission-code", "КОД-123")
                    .containsEntry("scheduled-jobs-deny", "on");
            assertThat(rac.infobaseInfo(ACCOUNTING)).as("another infobase").containsEntry("sessions-deny", "off");
            assertThat(source.readParameters(OneCActions.LOCK, session)).containsExactly(Map.entry("sessionsDeny", "true"),
                    Map.entry("deniedFrom", "2026-12-01T18:00:00"), Map.entry("deniedTo", "2026-12-01T20:30:00"),
                    Map.entry("deniedMessage", "Обновление \"ЗУП\" до 20:30"), Map.entry("permissionCode", "КОД-123"),
                    Map.entry("scheduledJobsDeny", "true"));

            ActionResult unlocked = source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "false"));
            assertThat(unlocked.verified()).isTrue();
            assertThat(unlocked.detail().map(Text::english)).hasValue("new sessions of Зарплата и управление персоналом are allowed");
            assertThat(rac.calls("infobase update").get(1)).contains("--sessions-deny=off", "--denied-from=", "--denied-to=",
                    "--denied-message=", "--permission-code=", "--scheduled-jobs-deny=off");
            assertThat(rac.infobaseInfo(PAYROLL)).containsEntry("sessions-deny", "off").containsEntry("denied-message", "");
            assertThat(source.readParameters(OneCActions.LOCK, session)).containsEntry("sessionsDeny", "false");
            assertThat(source.readParameters(OneCActions.TERMINATE, session)).isEmpty();
        });
    }

    @Test
    void aLockTimeThatIsNotATimeIsRefusedBeforeRacRuns() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-lock-time", 30);
        withSource(rac, source -> {
            Session session = find(source.snapshot(), 0);

            assertThatThrownBy(() -> source.perform(OneCActions.LOCK, session.key(),
                    Map.of("sessionsDeny", "true", "deniedFrom", "завтра в шесть")))
                    .satisfies(kind(Kind.REFUSED)).hasMessageContaining("must look like 2026-12-01T18:00:00, not 'завтра в шесть'");
            assertThat(rac.calls("infobase update")).isEmpty();
            assertThat(rac.infobaseInfo(ACCOUNTING)).containsEntry("sessions-deny", "off");
        });
    }

    @Test
    void anInfobaseWithUsersNeedsItsAdministrator() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-ib-admin", 30)
                .requireInfobaseAdmin(ACCOUNTING, "Администратор ИБ", "ib pass 1");
        withSource(rac, source -> {
            Session session = find(source.snapshot(), 0);

            assertThatThrownBy(() -> source.readParameters(OneCActions.LOCK, session))
                    .satisfies(kind(Kind.PRIVILEGE)).hasMessageContaining("Недостаточно прав пользователя на информационную базу");
            assertThatThrownBy(() -> source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true")))
                    .satisfies(kind(Kind.PRIVILEGE));
            assertThatThrownBy(() -> source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true",
                    "infobaseUser", "Администратор ИБ", "infobasePassword", "wrong pass 2")))
                    .satisfies(kind(Kind.PRIVILEGE)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong pass 2"));
            assertThat(rac.infobaseInfo(ACCOUNTING)).containsEntry("sessions-deny", "off");

            ActionResult r = source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true",
                    "infobaseUser", " Администратор ИБ ", "infobasePassword", "ib pass 1"));

            assertThat(r.verified()).isTrue();
            assertThat(rac.infobaseInfo(ACCOUNTING)).containsEntry("sessions-deny", "on");
            List<String> update = rac.calls("infobase update").get(rac.calls("infobase update").size() - 1);
            assertThat(update).contains("--infobase-user=Администратор ИБ", "--infobase-pwd=ib pass 1");
            assertThat(rac.calls("infobase info").get(rac.calls("infobase info").size() - 1))
                    .as("the check afterwards with the same administrator")
                    .contains("--infobase-user=Администратор ИБ", "--infobase-pwd=ib pass 1");
            // another infobase has no users: no administrator needed
            Session payroll = find(source.snapshot(), 1);
            assertThat(source.perform(OneCActions.LOCK, payroll.key(), Map.of("sessionsDeny", "true")).verified()).isTrue();
        });
    }

    // ---- failures

    @Test
    void theClusterAdministratorIsCheckedWhenOpening() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-admin", 30).requireAdmin("Администратор", "right pass");

        assertThatThrownBy(() -> open(rac))
                .as("none given").satisfies(kind(Kind.AUTHENTICATION))
                .hasMessageContaining("the cluster administrator's name or password is wrong or missing");
        assertThatThrownBy(() -> open(rac.spec().user("Администратор").password("wrong pass".toCharArray()).build()))
                .satisfies(kind(Kind.AUTHENTICATION)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong pass"));
        assertThatThrownBy(() -> open(rac.spec().user("Кто-то").password("right pass".toCharArray()).build()))
                .satisfies(kind(Kind.AUTHENTICATION));

        rac.clearCalls();
        try (SessionSource source = open(rac.spec().user("Администратор").password("right pass".toCharArray()).build())) {
            assertThat(source.snapshot().sessions()).hasSize(30);
        }
        assertThat(rac.calls("cluster list")).as("no administrator needed, no password on its command line")
                .containsExactly(List.of("cluster", "list", "127.0.0.1:1545"));
        assertThat(rac.calls("session list")).allSatisfy(c -> assertThat(c)
                .contains("--cluster-user=Администратор", "--cluster-pwd=right pass"));
    }

    @Test
    void aWrongPortOrHostIsUnreachable() {
        FakeRacScenario rac = FakeRacScenario.standard("source-port", 3).port(1641).reachableHosts("127.0.0.1", "localhost");

        assertThatThrownBy(() -> open(rac.spec().port(1545).build()))
                .satisfies(kind(Kind.UNREACHABLE))
                .hasMessageStartingWith("Cannot reach the 1C cluster at 127.0.0.1:1545")
                .hasMessageContaining("server_addr=tcp://127.0.0.1:1545")
                .hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> open(rac.spec().host("srv-1c-99").build()))
                .satisfies(kind(Kind.UNREACHABLE)).hasMessageContaining("Компьютер отсутствует в сети или недоступен");
        assertThat(rac.calls("cluster list")).extracting(c -> c.get(c.size() - 1))
                .containsExactly("127.0.0.1:1545", "srv-1c-99:1641");
    }

    @Test
    void aRacThatIsNotThereIsUnsupported() {
        FakeRacScenario rac = FakeRacScenario.create("source-no-rac");

        assertThatThrownBy(() -> open(rac.spec().option("rac", rac.directory().resolve("nothing/rac").toString()).build()))
                .satisfies(kind(Kind.UNSUPPORTED)).hasMessageContaining("rac was not found at");
    }

    @Test
    void aHangIsBoundedByTheQueryTimeout() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-hang", 30);
        try (SessionSource source = open(rac.spec().queryTimeout(Duration.ofSeconds(3)).build())) {
            rac.hang(true);
            long start = System.nanoTime();

            assertThatThrownBy(source::snapshot).satisfies(kind(Kind.TIMEOUT))
                    .hasMessageContaining("rac did not answer within 3 s (it was stopped)");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            long child = rac.hangChildPid().orElseThrow();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> FakeRacScenario.gone(child));
            rac.hang(false);
            assertThat(source.snapshot().sessions()).as("the next refresh works").hasSize(30);
        }
    }

    @Test
    void noPasswordReachesAnExceptionMessageOrTheDebugLog() throws Throwable {
        FakeRacScenario rac = FakeRacScenario.standard("source-secrets", 30).requireAdmin("admin", "cl pw 7")
                .requireInfobaseAdmin(ACCOUNTING, "ibadmin", "ib pw 8");
        ConnectionSpec spec = rac.spec().user("admin").password("cl pw 7".toCharArray()).build();
        List<Throwable> failures = new ArrayList<>();
        try (CapturedLogs runnerLog = CapturedLogs.debug(RacRunner.class);
             CapturedLogs sourceLog = CapturedLogs.debug(OneCSessionSource.class);
             SessionSource source = open(spec)) {
            Session session = find(source.snapshot(), 0);
            // rac repeating what it could not parse, passwords and all
            rac.failNext("session terminate", "Ошибка разбора параметра: --cluster-pwd=cl pw 7", 255);
            failures.add(catchFailure(() -> source.perform(OneCActions.TERMINATE, session.key(), Map.of())));
            rac.failNext("", "Неизвестная ошибка: cl pw 7", 1);
            failures.add(catchFailure(source::snapshot));
            failures.add(catchFailure(() -> source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true",
                    "infobaseUser", "ibadmin", "infobasePassword", "wrong ib pw 9"))));
            rac.failNext("infobase update", "Ошибка разбора параметра: --infobase-pwd=ib pw 8", 255);
            failures.add(catchFailure(() -> source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true",
                    "infobaseUser", "ibadmin", "infobasePassword", "ib pw 8"))));
            failures.add(catchFailure(() -> open(rac.spec().user("admin").password("wrong cl pw 10".toCharArray()).build())));
            assertThat(source.perform(OneCActions.LOCK, session.key(), Map.of("sessionsDeny", "true",
                    "infobaseUser", "ibadmin", "infobasePassword", "ib pw 8")).verified()).isTrue();

            List<String> logged = new ArrayList<>(runnerLog.messages());
            logged.addAll(sourceLog.messages());
            assertThat(logged).hasSizeGreaterThan(10).anySatisfy(m -> assertThat(m).contains("--cluster-pwd=***"))
                    .anySatisfy(m -> assertThat(m).contains("--infobase-pwd=***"));
            for (String m : logged) {
                assertThat(m).doesNotContain("pw 7").doesNotContain("pw 8").doesNotContain("pw 9").doesNotContain("pw 10");
            }
        }
        assertThat(failures).hasSize(5).allSatisfy(f -> {
            assertThat(f).isInstanceOf(SourceException.class);
            assertThat(f.getMessage()).doesNotContain("pw 7").doesNotContain("pw 8").doesNotContain("pw 9")
                    .doesNotContain("pw 10");
        });
        assertThat(failures).extracting(f -> ((SourceException) f).kind()).containsExactly(Kind.UNSUPPORTED,
                Kind.SERVER_ERROR, Kind.PRIVILEGE, Kind.UNSUPPORTED, Kind.AUTHENTICATION);
        assertThat(rac.calls("session list")).as("the stand-in did get them").allSatisfy(c -> assertThat(c).contains("--cluster-pwd=cl pw 7"));
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static Throwable catchFailure(Failing f) {
        try {
            f.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("did not fail");
    }
}
