package dev.sessiondeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionFilterTest {

    private static Session session(long id, String user, String source, String db, SessionState state, boolean background) {
        return session(Long.toString(id), user, source, db, state, background);
    }

    private static Session session(String id, String user, String source, String db, SessionState state, boolean background) {
        return Session.builder(SessionKey.ofId("ds", id)).user(user).source(source).database(db).state(state)
                .background(background).build();
    }

    private static final List<Session> SESSIONS = List.of(
            session(1, "app_orders", "10.0.0.7:50312", "shop", SessionState.ACTIVE, false),
            session(2, "Analyst", "laptop.local:6000", "reporting", SessionState.IDLE, false),
            session(3, "a.b*c", "[::1]:7000", "50%_off", SessionState.ACTIVE, false),
            session(4, "system user", "", null, SessionState.ACTIVE, true));

    private static List<Long> ids(SessionFilter f) {
        return SESSIONS.stream().filter(f).map(s -> Long.parseLong(s.id())).toList();
    }

    private static Optional<String> id(String id) {
        return Optional.of(id);
    }

    @Test
    void hidesOnlyBackgroundThreadsByDefault() {
        assertThat(ids(SessionFilter.ALL)).containsExactly(1L, 2L, 3L);
        assertThat(ids(SessionFilter.ALL.withShowBackground(true))).containsExactly(1L, 2L, 3L, 4L);
    }

    @ParameterizedTest(name = "user ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ANALYST  | 2
            app_     | 1
            a.b*c    | 3
            .*       | ''
            a_b      | ''
            """)
    void userIsACaseInsensitiveLiteralSubstring(String needle, String expected) {
        List<Long> want = expected.isEmpty() ? List.of() : List.of(Long.parseLong(expected));
        assertThat(ids(SessionFilter.ALL.withUser(needle))).isEqualTo(want);
    }

    @ParameterizedTest(name = "''{0}'' in ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ORDERS   | app_orders | true
            rders    | app_orders | true
            s_x      | app_orders | false
            ÄRGER    | ärger_etl  | true
            ı        | ADMIN      | true
            app_orders_ | app_orders | false
            """)
    void substringMatchesAsStringRegionMatchesIgnoringCase(String needle, String user, boolean expected) {
        Session s = session(9, user, "h", "d", SessionState.ACTIVE, false);
        boolean byRegionMatches = java.util.stream.IntStream.rangeClosed(0, user.length() - needle.length())
                .anyMatch(i -> user.regionMatches(true, i, needle, 0, needle.length()));
        assertThat(SessionFilter.ALL.withUser(needle).test(s)).isEqualTo(expected).isEqualTo(byRegionMatches);
    }

    @Test
    void sqlWildcardsAndRegexCharactersMeanThemselves() {
        assertThat(ids(SessionFilter.ALL.withDatabase("%"))).containsExactly(3L);
        assertThat(ids(SessionFilter.ALL.withDatabase("50%_"))).containsExactly(3L);
        assertThat(ids(SessionFilter.ALL.withSource("[::1]"))).containsExactly(3L);
        assertThat(ids(SessionFilter.ALL.withSource("10.0.0."))).containsExactly(1L);
    }

    @Test
    void aFilterOnAColumnExcludesSessionsWithoutThatValue() {
        assertThat(ids(SessionFilter.ALL.withShowBackground(true).withDatabase("s"))).containsExactly(1L);
    }

    @Test
    void conditionsCombine() {
        SessionFilter f = SessionFilter.ALL.withActiveOnly(true).withUser("a");
        assertThat(ids(f)).containsExactly(1L, 3L);
        assertThat(ids(f.withId(id("3")))).containsExactly(3L);
        assertThat(ids(f.withId(id("2")))).isEmpty();
    }

    @Test
    void readsSessionIdsFromASearchField() {
        assertThat(SessionFilter.parseId("  42 ")).contains("42");
        assertThat(SessionFilter.parseId("")).isEmpty();
        assertThat(SessionFilter.parseId("   ")).isEmpty();
        assertThat(SessionFilter.parseId(null)).isEmpty();
        // any text is an id some data source may have; one that no session has matches none, never throws
        assertThat(SessionFilter.parseId("4 2")).contains("4 2");
        assertThat(SessionFilter.parseId("-1")).contains("-1");
        assertThat(SessionFilter.parseId("1' OR '1'='1")).contains("1' OR '1'='1");
        assertThat(ids(SessionFilter.ALL.withId(SessionFilter.parseId("1' OR '1'='1")))).isEmpty();
        assertThat(ids(SessionFilter.ALL.withId(SessionFilter.parseId(" 2 ")))).containsExactly(2L);
    }

    @Test
    void theIdIsMatchedExactlyWithoutRegardToCase() {
        List<Session> uuids = List.of(
                session("5f3c9a2e-AB01", "u", "h", "d", SessionState.ACTIVE, false),
                session("5f3c9a2e-ab012", "u", "h", "d", SessionState.ACTIVE, false),
                session("12", "u", "h", "d", SessionState.ACTIVE, false));
        assertThat(uuids.stream().filter(SessionFilter.ALL.withId(id("5F3C9A2E-ab01"))).map(Session::id))
                .containsExactly("5f3c9a2e-AB01");
        assertThat(uuids.stream().filter(SessionFilter.ALL.withId(id("1"))).map(Session::id)).as("not a prefix").isEmpty();
        assertThat(uuids.stream().filter(SessionFilter.ALL.withId(id(" 12 "))).map(Session::id)).containsExactly("12");
        assertThat(SessionFilter.ALL.withId(id("  "))).as("blank is any").isEqualTo(SessionFilter.ALL);
        assertThat(SessionFilter.ALL.withId(id("5F3C9A2E-ab01")).test("5f3c9a2e-AB01", null, true, false, "u", "h", "d", null))
                .isTrue();
    }

    /** A 1C session: a UUID id, a session number within its infobase, an infobase name and UUID. */
    private static Session numbered(String uuid, Long number, String infobase, String infobaseId) {
        return Session.builder(SessionKey.ofId("ds", uuid)).user("Бухгалтер").source("WS-042").database(infobase)
                .state(SessionState.IDLE).set(StandardAttributes.SESSION_NUMBER, number)
                .set(StandardAttributes.DATABASE_ID, infobaseId).build();
    }

    private static final String IB_ACC = "8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
    private static final String IB_HR = "1f2e3d4c-5b6a-4789-9abc-def012345678";
    private static final List<Session> NUMBERED = List.of(
            numbered("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", 17L, "Бухгалтерия предприятия", IB_ACC),
            numbered("4c1f8d3f-6e7b-4f2c-8d4a-1b2c3d4e5f60", 170L, "Зарплата и управление персоналом", IB_HR),
            numbered("17", null, "Бухгалтерия предприятия", null));

    private static List<String> uuids(SessionFilter f) {
        return NUMBERED.stream().filter(f).map(Session::id).toList();
    }

    @Test
    void theIdSearchFindsASessionByItsNumberToo() {
        // "17" is the number of the first session and the id of the third; never a prefix of 170
        assertThat(uuids(SessionFilter.ALL.withId(id("17"))))
                .containsExactly("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", "17");
        assertThat(uuids(SessionFilter.ALL.withId(id(" 170 ")))).containsExactly("4c1f8d3f-6e7b-4f2c-8d4a-1b2c3d4e5f60");
        assertThat(uuids(SessionFilter.ALL.withId(id("1")))).as("not a prefix of a number").isEmpty();
        assertThat(uuids(SessionFilter.ALL.withId(id("3B0F7C2E-5D6A-4E1B-9C3F-0A1B2C3D4E5F"))))
                .as("the UUID still matches, case aside").containsExactly("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f");
        SessionFilter byNumber = SessionFilter.ALL.withId(id("17"));
        assertThat(byNumber.test("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", "17", false, false, "u", "h", "d", null)).isTrue();
        assertThat(byNumber.test("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", "170", false, false, "u", "h", "d", null)).isFalse();
        assertThat(byNumber.test("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", null, false, false, "u", "h", "d", null)).isFalse();
        assertThat(SessionFilter.number(NUMBERED.get(0))).isEqualTo("17");
        assertThat(SessionFilter.number(NUMBERED.get(2))).isNull();
    }

    @Test
    void theDatabaseSearchFindsASessionByItsDatabaseIdToo() {
        assertThat(uuids(SessionFilter.ALL.withDatabase(IB_ACC))).containsExactly("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f");
        assertThat(uuids(SessionFilter.ALL.withDatabase(IB_HR.toUpperCase(java.util.Locale.ROOT))))
                .as("case aside").containsExactly("4c1f8d3f-6e7b-4f2c-8d4a-1b2c3d4e5f60");
        assertThat(uuids(SessionFilter.ALL.withDatabase("8c1d2e3f"))).as("a substring of the UUID")
                .containsExactly("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f");
        assertThat(uuids(SessionFilter.ALL.withDatabase("бухгалтерия"))).as("the name still matches")
                .containsExactly("3b0f7c2e-5d6a-4e1b-9c3f-0a1b2c3d4e5f", "17");
        assertThat(uuids(SessionFilter.ALL.withDatabase("ffffffff"))).isEmpty();
        SessionFilter byId = SessionFilter.ALL.withDatabase("901a2b3c");
        assertThat(byId.test("x", null, false, false, "u", "h", "Бухгалтерия", IB_ACC)).isTrue();
        assertThat(byId.test("x", null, false, false, "u", "h", "Бухгалтерия", null)).isFalse();
        assertThat(byId.test("x", null, false, false, "u", "h", null, IB_ACC)).as("an id without a name").isTrue();
        assertThat(SessionFilter.databaseId(NUMBERED.get(1))).isEqualTo(IB_HR);
        assertThat(SessionFilter.databaseId(NUMBERED.get(2))).isNull();
        for (SessionFilter f : List.of(SessionFilter.ALL.withDatabase("8c1d"), SessionFilter.ALL.withId(id("170")),
                SessionFilter.ALL.withDatabase("зарплата"))) {
            java.util.BitSet passed = f.testAll(NUMBERED);
            for (int i = 0; i < NUMBERED.size(); i++) {
                Session s = NUMBERED.get(i);
                assertThat(passed.get(i)).as("%s on %s", f, s.id()).isEqualTo(f.test(s));
                assertThat(f.test(s.id(), SessionFilter.number(s), s.isActive(), s.background(), s.user().orElse(null),
                        s.source().orElse(null), s.database().orElse(null), SessionFilter.databaseId(s)))
                        .as("plain values: %s on %s", f, s.id()).isEqualTo(f.test(s));
            }
        }
    }

    private static final List<SessionFilter> FILTERS = List.of(
            SessionFilter.ALL, SessionFilter.ALL.withShowBackground(true), SessionFilter.ALL.withActiveOnly(true),
            SessionFilter.ALL.withUser("a"), SessionFilter.ALL.withUser("AN"), SessionFilter.ALL.withUser("analyst"),
            SessionFilter.ALL.withSource("0"), SessionFilter.ALL.withSource(":7"), SessionFilter.ALL.withDatabase("o"),
            SessionFilter.ALL.withId(id("3")), SessionFilter.ALL.withUser("a").withActiveOnly(true));

    @Test
    void theTestOnPlainValuesAgreesWithTheTestOnSessions() {
        for (SessionFilter f : FILTERS) {
            for (Session s : SESSIONS) {
                assertThat(f.test(s.id(), SessionFilter.number(s), s.isActive(), s.background(), s.user().orElse(null),
                        s.source().orElse(null), s.database().orElse(null), SessionFilter.databaseId(s)))
                        .as("%s on %s", f, s.id()).isEqualTo(f.test(s));
            }
        }
    }

    @Test
    void aNarrowerFilterLetsThroughNothingTheWiderOneHides() {
        assertThat(SessionFilter.ALL.withUser("an").narrows(SessionFilter.ALL.withUser("a"))).isTrue();
        assertThat(SessionFilter.ALL.withUser("a").narrows(SessionFilter.ALL.withUser("an"))).as("erasing widens").isFalse();
        assertThat(SessionFilter.ALL.withActiveOnly(true).narrows(SessionFilter.ALL)).isTrue();
        assertThat(SessionFilter.ALL.narrows(SessionFilter.ALL.withActiveOnly(true))).isFalse();
        assertThat(SessionFilter.ALL.narrows(SessionFilter.ALL.withShowBackground(true))).isTrue();
        assertThat(SessionFilter.ALL.withShowBackground(true).narrows(SessionFilter.ALL)).isFalse();
        assertThat(SessionFilter.ALL.withId(id("3")).narrows(SessionFilter.ALL)).isTrue();
        assertThat(SessionFilter.ALL.withId(id("3")).narrows(SessionFilter.ALL.withId(id("2")))).isFalse();
        // the claim itself, over every pair: what the narrower shows, the wider shows
        for (SessionFilter narrow : FILTERS) {
            for (SessionFilter wide : FILTERS) {
                if (narrow.narrows(wide)) {
                    assertThat(ids(wide)).as("%s narrows %s", narrow, wide).containsAll(ids(narrow));
                }
            }
        }
    }

    @Test
    void testAllGivesEachSessionTheVerdictOfTest() {
        // more sessions than a block of testAll holds, with absent, mixed-case, non-ASCII and
        // wildcard texts, background and idle sessions among them
        String[] users = {"app_orders", "Analyst", null, "ärger_ETL", "a.b*c", "ADMIN", "report_7"};
        String[] sources = {"10.0.0.7:50312", null, "laptop.local:6000", "[::1]:7000"};
        String[] databases = {"shop", "reporting", null, "50%_off", "Shop_Archive"};
        List<Session> many = new java.util.ArrayList<>();
        for (long id = 0; id < 10_000; id++) {
            many.add(session(id, users[(int) (id % users.length)], sources[(int) (id % sources.length)],
                    databases[(int) (id % databases.length)], id % 3 == 0 ? SessionState.ACTIVE : SessionState.IDLE,
                    id % 11 == 0));
        }
        List<SessionFilter> filters = List.of(SessionFilter.ALL, SessionFilter.ALL.withUser("ORDERS"),
                SessionFilter.ALL.withUser("ä").withShowBackground(true), SessionFilter.ALL.withSource(":7"),
                SessionFilter.ALL.withDatabase("shop").withActiveOnly(true),
                SessionFilter.ALL.withUser("a").withSource("0").withDatabase("o"),
                SessionFilter.ALL.withId(id("4097")).withUser("admin"),
                SessionFilter.ALL.withId(id("4097")).withUser("nobody"),
                SessionFilter.ALL.withActiveOnly(true));
        for (SessionFilter f : filters) {
            java.util.BitSet passed = f.testAll(many);
            for (int i = 0; i < many.size(); i++) {
                assertThat(passed.get(i)).as("%s on session %d", f, i).isEqualTo(f.test(many.get(i)));
            }
            assertThat(passed.length()).isLessThanOrEqualTo(many.size());
        }
        assertThat(SessionFilter.ALL.withUser("ORDERS").testAll(many).cardinality()).isPositive();
        assertThat(SessionFilter.ALL.withUser("x").testAll(List.of()).isEmpty()).isTrue();
    }
}
