package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionTest {

    /** A session with every value present, so that each can be changed to "absent". */
    private static Session full() {
        return Session.builder(new SessionKey("ds", "10.0.0.1:2881", 7, "app@10.0.0.9:40001", OptionalLong.of(70)))
                .sql("SELECT 1").sqlId("ABC").user("app").source("10.0.0.9:40001").database("shop")
                .command("Query").executionTime(Duration.ofMillis(1500)).state(SessionState.ACTIVE)
                .obServer("10.0.0.1:2881").obProxy("10.0.0.2:2883").queryId(70L).traceId("Y1")
                .transactionState("ACTIVE").memoryBytes(1024L).rowsExamined(5L).progressPercent(12.5)
                .programName("psql").waitEvent("Lock:tuple").stage("Sending data").blockingIds(List.of(3L))
                .sessionStart(Instant.parse("2026-01-01T00:00:00Z")).transactionStart(Instant.parse("2026-01-01T00:00:01Z"))
                .leaderId(6L).background(false).own(false).extras(Map.of("TRANS_ID", "9"))
                .build();
    }

    /** Some other value of a component's type. */
    private static Object other(Class<?> type, Object value) {
        if (type == Optional.class) {
            return Optional.empty();
        } else if (type == OptionalLong.class) {
            return OptionalLong.empty();
        } else if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        } else if (type == List.class) {
            return List.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == boolean.class) {
            return !(Boolean) value;
        } else if (type == SessionState.class) {
            return SessionState.IDLE;
        } else if (type == SessionKey.class) {
            return new SessionKey("ds", "10.0.0.1:2881", 8, "app@10.0.0.9:40001", OptionalLong.empty());
        }
        throw new IllegalArgumentException("no other value for " + type);
    }

    /** The constructor's values in its order, by accessor name. */
    private static final String[] VALUES = {"key", "sql", "sqlId", "user", "source", "database", "command",
        "executionTime", "state", "obServer", "obProxy", "queryId", "traceId", "transactionState", "memoryBytes",
        "rowsExamined", "progressPercent", "programName", "waitEvent", "stage", "blockingIds", "sessionStart",
        "transactionStart", "leaderId", "background", "own", "extras"};

    @SuppressWarnings("unchecked")
    private static Constructor<Session> canonical() {
        Constructor<?>[] constructors = Session.class.getConstructors();
        assertThat(constructors).hasSize(1);
        assertThat(constructors[0].getParameterCount()).as("a value added to Session? add it to VALUES")
                .isEqualTo(VALUES.length);
        return (Constructor<Session>) constructors[0];
    }

    @Test
    void everyValueCountsForEqualityAndOnlyTheExecutionTimeMayDifferForTheSameApartFromIt() throws Exception {
        Session base = full();
        Constructor<Session> canonical = canonical();
        Class<?>[] types = canonical.getParameterTypes();
        for (int i = 0; i < VALUES.length; i++) {
            Object[] values = new Object[VALUES.length];
            for (int j = 0; j < VALUES.length; j++) {
                Method accessor = Session.class.getMethod(VALUES[j]);
                assertThat(accessor.getReturnType()).as(VALUES[j]).isEqualTo(types[j]);
                values[j] = accessor.invoke(base);
            }
            assertThat(canonical.newInstance(values)).as("rebuilt from its values").isEqualTo(base)
                    .hasSameHashCodeAs(base);
            values[i] = other(types[i], values[i]);
            Session changed = canonical.newInstance(values);
            assertThat(changed).as(VALUES[i]).isNotEqualTo(base);
            assertThat(Session.class.getMethod(VALUES[i]).invoke(changed)).as(VALUES[i]).isEqualTo(values[i]);
            assertThat(base.sameApartFromExecutionTime(changed)).as(VALUES[i])
                    .isEqualTo(VALUES[i].equals("executionTime"));
        }
        assertThat(base.sameApartFromExecutionTime(full())).isTrue();
        assertThat(base.sameApartFromExecutionTime(null)).isFalse();
        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThat(base.toString()).contains("user=Optional[app]", "state=ACTIVE");
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
