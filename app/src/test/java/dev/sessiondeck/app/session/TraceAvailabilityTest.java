package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionTracing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When the window offers full link tracking, and why not otherwise. */
class TraceAvailabilityTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    /** An OceanBase tenant of the given version, with one session. */
    private record Tenant(ServerInfo serverInfo) implements SessionSource, SessionTracing {
        @Override
        public String name() {
            return "ob";
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot("ob", List.of(FakeSessionSource.session("ob", 7, "app", "shop", true, "SELECT 1", 1)),
                    Instant.now(), Duration.ZERO);
        }

        @Override
        public KillResult kill(SessionKey key, KillMode mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        @Override
        public Optional<TraceSettings> traceSettings(Session session) {
            return Optional.empty();
        }

        @Override
        public void enableTrace(SessionKey key, TraceSettings settings) {
        }

        @Override
        public void disableTrace(SessionKey key) {
        }
    }

    private static Optional<String> whyNot(SessionSource source) {
        SessionsViewModel vm = new SessionsViewModel(spec -> source, NOW);
        vm.addDataSource(source);
        return vm.whyNotTrace(List.copyOf(vm.allRows()));
    }

    @Test
    void offeredFromOceanBase421() {
        assertThat(whyNot(new Tenant(ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.1.0", Version.of(4, 2, 1, 0))))).isEmpty();
    }

    @Test
    void refusedBelow421WithTheVersionInTheReason() {
        assertThat(whyNot(new Tenant(ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.0.0", Version.of(4, 2, 0, 0)))))
                .hasValueSatisfying(why -> assertThat(why).startsWith("End-to-end tracing needs OceanBase 4.2.1 or later")
                        .contains("4.2.0"));
    }

    @Test
    void refusedOnOtherDatabases() {
        FakeSessionSource mariaDb = new FakeSessionSource("fake");
        mariaDb.list(List.of(FakeSessionSource.session("fake", 7, "app", "shop", true, "SELECT 1", 1)));
        assertThat(whyNot(mariaDb)).hasValueSatisfying(why ->
                assertThat(why).contains("has no end-to-end tracing"));
    }

    @Test
    void refusedForNoneOrSeveralSessions() {
        SessionsViewModel vm = new SessionsViewModel(spec -> null, NOW);
        assertThat(vm.whyNotTrace(List.of())).contains("Select one session");
    }
}
