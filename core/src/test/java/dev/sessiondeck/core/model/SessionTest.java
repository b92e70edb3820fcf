package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

    @Test
    void onlyTheExecutionTimeMayDifferForTheSameApartFromIt() throws Exception {
        Session base = full();
        RecordComponent[] components = Session.class.getRecordComponents();
        Constructor<Session> canonical = Session.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        for (int i = 0; i < components.length; i++) {
            Object[] values = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                values[j] = components[j].getAccessor().invoke(base);
            }
            values[i] = other(components[i].getType(), values[i]);
            Session changed = canonical.newInstance(values);
            assertThat(changed).as(components[i].getName()).isNotEqualTo(base);
            assertThat(base.sameApartFromExecutionTime(changed)).as(components[i].getName())
                    .isEqualTo(components[i].getName().equals("executionTime"));
        }
        assertThat(base.sameApartFromExecutionTime(full())).isTrue();
        assertThat(base.sameApartFromExecutionTime(null)).isFalse();
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
