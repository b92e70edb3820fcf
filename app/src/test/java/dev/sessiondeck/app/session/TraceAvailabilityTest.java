package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Capability;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the window offers full link tracking, and why not otherwise. The data source declares the
 * action and why it is not possible now ({@link SessionSource#unavailable}); the window offers it
 * only for rows of a data source that declares it, and relays the reason in its own language.
 */
class TraceAvailabilityTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    /**
     * An OceanBase tenant of the given version, with two sessions: it offers tracing as
     * {@link OceanBaseSessionSource} does, refusing it (in OceanBase's words) where the server lacks
     * the capability.
     */
    private record Tenant(ServerInfo serverInfo) implements SessionSource {
        @Override
        public String name() {
            return "ob";
        }

        @Override
        public String describe() {
            return serverInfo.describe();
        }

        @Override
        public List<Attribute<?>> attributes() {
            return List.of();
        }

        @Override
        public List<SessionAction> actions() {
            return List.of(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY, OceanBaseSessionSource.TRACE,
                    OceanBaseSessionSource.TRACE_OFF);
        }

        @Override
        public Optional<Text> unavailable(SessionAction action, Session session) {
            if (action == OceanBaseSessionSource.TRACE && !serverInfo.can(Capability.TRACE)) {
                return Optional.of(Text.of("dev.sessiondeck.core.source.oceanbase.messages", "action.trace.needsVersion")
                        .with(serverInfo.describe()));
            }
            return SessionSource.super.unavailable(action, session);
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot("ob", List.of(FakeSessionSource.session("ob", 7, "app", "shop", true, "SELECT 1", 1),
                    FakeSessionSource.session("ob", 8, "app", "shop", true, "SELECT 2", 1)), Instant.now(), Duration.ZERO);
        }

        @Override
        public KillResult kill(SessionKey key, KillMode mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static Optional<String> whyNot(SessionSource source) {
        SessionsViewModel vm = new SessionsViewModel(spec -> source, NOW);
        vm.addDataSource(source);
        return vm.whyNot(OceanBaseSessionSource.TRACE, List.of(vm.allRows().get(0)));
    }

    @Test
    void offeredFromOceanBase421() {
        Tenant tenant = new Tenant(ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.1.0", Version.of(4, 2, 1, 0)));
        assertThat(whyNot(tenant)).isEmpty();
        SessionsViewModel vm = new SessionsViewModel(spec -> tenant, NOW);
        vm.addDataSource(tenant);
        assertThat(vm.actionsOf(List.copyOf(vm.allRows()))).contains(OceanBaseSessionSource.TRACE,
                OceanBaseSessionSource.TRACE_OFF);
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
                assertThat(why).contains("MariaDB").contains("cannot do this"));
        SessionsViewModel vm = new SessionsViewModel(spec -> mariaDb, NOW);
        vm.addDataSource(mariaDb);
        assertThat(vm.actionsOf(List.copyOf(vm.allRows()))).doesNotContain(OceanBaseSessionSource.TRACE);
    }

    @Test
    void refusedForNoneOrSeveralSessions() {
        SessionsViewModel vm = new SessionsViewModel(spec -> null, NOW);
        assertThat(vm.whyNot(OceanBaseSessionSource.TRACE, List.of())).hasValueSatisfying(why ->
                assertThat(why).startsWith("Select one"));
        Tenant tenant = new Tenant(ServerInfo.oceanBase("5.7.25-OceanBase_CE-v4.2.1.0", Version.of(4, 2, 1, 0)));
        SessionsViewModel two = new SessionsViewModel(spec -> tenant, NOW);
        two.addDataSource(tenant);
        assertThat(two.allRows()).hasSize(2);
        assertThat(two.whyNot(OceanBaseSessionSource.TRACE, List.copyOf(two.allRows()))).contains("Select one session");
    }
}
