package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.source.mariadb.MariaDbSessionSource;
import dev.sessiondeck.core.source.oceanbase.OceanBaseAttributes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SessionTest {

    /** Every declared (not common) attribute core knows: the shared ones and each source's own. */
    static List<Attribute<?>> declaredAttributes() {
        List<Attribute<?>> out = new ArrayList<>();
        for (Class<?> holder : List.of(StandardAttributes.class, OceanBaseAttributes.class, MariaDbSessionSource.class)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Attribute.class) {
                    try {
                        Attribute<?> a = (Attribute<?>) f.get(null);
                        if (!a.common()) {
                            out.add(a);
                        }
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return out;
    }

    /** A value of the attribute's type; {@code second} gives another one. */
    static Object sample(ValueType type, boolean second) {
        return switch (type) {
            case TEXT -> second ? "other text" : "some text";
            case COUNT -> second ? 2L : 1L;
            case BYTES -> second ? 2048L : 1024L;
            case DURATION -> second ? Duration.ofMillis(2500) : Duration.ofMillis(1500);
            case INSTANT -> second ? Instant.parse("2026-01-01T00:00:01Z") : Instant.parse("2026-01-01T00:00:00Z");
            case PERCENT -> second ? 50.0 : 12.5;
            case FLAG -> !second;
            case SESSION_REFS -> second ? List.of("4") : List.of("3");
        };
    }

    @SuppressWarnings("unchecked")
    static <T> Session.Builder set(Session.Builder b, Attribute<T> attribute, Object value) {
        return b.set(attribute, (T) value);
    }

    private static final SessionKey KEY = new SessionKey("ds", "10.0.0.1:2881", 7, "app@10.0.0.9:40001", OptionalLong.of(70));

    /** A session with every common value and every declared attribute present, so that each can be changed. */
    private static Session full() {
        Session.Builder b = Session.builder(KEY)
                .sql("SELECT 1").user("app").source("10.0.0.9:40001").database("shop")
                .command("Query").executionTime(Duration.ofMillis(1500)).state(SessionState.ACTIVE)
                .background(false).own(false);
        for (Attribute<?> a : declaredAttributes()) {
            set(b, a, sample(a.type(), false));
        }
        return b.build();
    }

    /**
     * Each common value of a session (by the name of its field in {@link Session}) and a change of
     * it to another value.
     */
    private static final Map<String, UnaryOperator<Session.Builder>> COMMON = new LinkedHashMap<>();

    static {
        COMMON.put("key", b -> b.key(new SessionKey("ds", "10.0.0.1:2881", 8, "app@10.0.0.9:40001", OptionalLong.empty())));
        COMMON.put("state", b -> b.state(SessionState.IDLE));
        COMMON.put("user", b -> b.user(null));
        COMMON.put("source", b -> b.source("10.0.0.10:40002"));
        COMMON.put("database", b -> b.database(""));
        COMMON.put("command", b -> b.command("Sleep"));
        COMMON.put("sql", b -> b.sql("SELECT 2"));
        COMMON.put("executionTime", b -> b.executionTime(Duration.ofMillis(1501)));
        COMMON.put("background", b -> b.background(true));
        COMMON.put("own", b -> b.own(true));
        COMMON.put("attributes", b -> b.set(StandardAttributes.STAGE, "another stage"));
    }

    @Test
    void everyValueOfTheClassIsCoveredByThisTest() {
        List<String> fields = Arrays.stream(Session.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName).toList();
        assertThat(fields).as("a value added to Session? add it to COMMON").containsExactlyInAnyOrderElementsOf(COMMON.keySet());
    }

    @Test
    void textLengthCountsEveryTextAndAbsentOnesAsNothing() {
        SessionKey key = new SessionKey("db", "", 42, "2025-01-01T00:00:00Z", OptionalLong.empty());
        Session bare = Session.builder(key).build();
        assertThat(bare.textLength()).isEqualTo("42".length() + "2025-01-01T00:00:00Z".length());
        Session full = Session.builder(key).user("app").source("10.0.0.1:5").database("orders").command("Query")
                .sql("SELECT 1").build();
        assertThat(full.textLength()).isEqualTo(bare.textLength() + "app".length() + "10.0.0.1:5".length()
                + "orders".length() + "Query".length() + "SELECT 1".length());
    }

    @Test
    void theFullSessionCarriesEveryDeclaredAttribute() {
        Session base = full();
        assertThat(declaredAttributes()).hasSizeGreaterThan(20);
        assertThat(base.attributes().attributes()).containsExactlyElementsOf(declaredAttributes());
        for (Attribute<?> a : declaredAttributes()) {
            assertThat((Object) base.attribute(a).orElseThrow()).as(a.id()).isEqualTo(sample(a.type(), false));
        }
    }

    @Test
    void everyCommonValueCountsForEqualityAndOnlyTheExecutionTimeMayDifferForTheSameApartFromIt() {
        Session base = full();
        assertThat(base.toBuilder().build()).as("rebuilt from its values").isEqualTo(base).hasSameHashCodeAs(base);
        COMMON.forEach((name, change) -> {
            Session changed = change.apply(base.toBuilder()).build();
            assertThat(changed).as(name).isNotEqualTo(base);
            assertThat(changed.hashCode()).as(name).isNotEqualTo(base.hashCode());
            assertThat(base.sameApartFromExecutionTime(changed)).as(name).isEqualTo(name.equals("executionTime"));
            assertThat(changed.sameApartFromExecutionTime(base)).as(name).isEqualTo(name.equals("executionTime"));
            Session again = change.apply(base.toBuilder()).build();
            assertThat(again).as(name).isEqualTo(changed).hasSameHashCodeAs(changed);
        });
        assertThat(base.sameApartFromExecutionTime(full())).isTrue();
        assertThat(base.sameApartFromExecutionTime(null)).isFalse();
        assertThat(base.equals(null)).isFalse();
    }

    @Test
    void everyDeclaredAttributeValueCountsForEqualityAndForTheSameApartFromExecutionTime() {
        Session base = full();
        for (Attribute<?> a : declaredAttributes()) {
            Session changed = set(base.toBuilder(), a, sample(a.type(), true)).build();
            assertThat((Object) changed.attribute(a).orElseThrow()).as(a.id()).isEqualTo(sample(a.type(), true));
            assertThat(changed).as("%s changed", a.id()).isNotEqualTo(base);
            assertThat(changed.hashCode()).as("%s changed", a.id()).isNotEqualTo(base.hashCode());
            assertThat(base.sameApartFromExecutionTime(changed)).as("%s changed", a.id()).isFalse();

            Session removed = set(base.toBuilder(), a, null).build();
            assertThat(removed.attribute(a)).as(a.id()).isEmpty();
            assertThat(removed).as("%s removed", a.id()).isNotEqualTo(base);
            assertThat(base.sameApartFromExecutionTime(removed)).as("%s removed", a.id()).isFalse();
        }
    }

    @Test
    void absentValuesAreEmptyNeverBlank() {
        Session s = Session.builder(SessionKey.ofId("ds", "42")).user("").source(null).sql("").build();
        assertThat(s.user()).isEmpty();
        assertThat(s.source()).isEmpty();
        assertThat(s.sql()).isEmpty();
        assertThat(s.executionTime()).isEmpty();
        assertThat(s.executionSeconds()).isZero();
        assertThat(s.state()).isEqualTo(SessionState.UNKNOWN);
        assertThat(s.attributes()).isSameAs(AttributeValues.NONE);
        assertThat(s.blockingIds()).isEmpty();
        assertThat(s.id()).isEqualTo("42");
    }

    @Test
    void commonValuesReadThroughTheirAttributes() {
        Session s = full();
        assertThat(s.attribute(StandardAttributes.ID)).contains("7");
        assertThat(s.attribute(StandardAttributes.DATA_SOURCE)).contains("ds");
        assertThat(s.attribute(StandardAttributes.USER)).contains("app");
        assertThat(s.attribute(StandardAttributes.EXECUTION_TIME)).contains(Duration.ofMillis(1500));
        assertThat(s.attribute(StandardAttributes.STATUS)).contains("ACTIVE");
        assertThat(s.blockingIds()).containsExactly("3");
        assertThat(s.executionSeconds()).isEqualTo(1.5);
        assertThat(StandardAttributes.COMMON).allMatch(Attribute::common);
        assertThatThrownBy(() -> Session.builder(KEY).set(StandardAttributes.USER, "app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("common value");
    }

    @Test
    void toStringNamesTheValues() {
        assertThat(full().toString()).contains("user=app", "ACTIVE", "stage=some text", "ds/10.0.0.1:2881#7");
    }

    @Test
    void sameSessionIsEqualityWithoutTheStatement() {
        SessionKey a = new SessionKey("ds", "", 7, "app@h:1", OptionalLong.of(70));
        List<SessionKey> others = List.of(
                new SessionKey("ds", "", 7, "app@h:1", OptionalLong.empty()),
                new SessionKey("ds", "", 7, "app@h:1", OptionalLong.of(71)),
                new SessionKey("ds", "", 8, "app@h:1", OptionalLong.of(70)),
                new SessionKey("ds", "", 7, "app@h:2", OptionalLong.of(70)),
                new SessionKey("ds", "s:1", 7, "app@h:1", OptionalLong.of(70)),
                new SessionKey("other", "", 7, "app@h:1", OptionalLong.of(70)));
        for (SessionKey b : others) {
            assertThat(a.sameSession(b)).as("%s and %s", a, b).isEqualTo(a.sessionOnly().equals(b.sessionOnly()));
        }
        assertThat(a.sameSession(others.get(1))).isTrue();
        assertThat(a.sameSession(null)).isFalse();
    }
}
