package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.MemorySecretStore;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-source list without a window: every background job runs on the test's thread. */
class DataSourcesViewModelTest {

    private static final Background NOW = new Background(Runnable::run, Runnable::run);

    @TempDir
    Path dir;
    private ProfileStore store;
    private final MemorySecretStore secrets = new MemorySecretStore();
    /** The passwords each open was given, in order. */
    private final List<String> openedWith = new ArrayList<>();
    private SourceException refuse;
    private SessionsViewModel sessions;
    private DataSourcesViewModel vm;

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    @BeforeEach
    void setUp() {
        store = new ProfileStore(dir.resolve("datasources.json"));
        SessionsViewModel.Opener opener = spec -> {
            if (refuse != null) {
                throw refuse;
            }
            openedWith.add(new String(spec.password()));
            return new Listing(spec.name());
        };
        sessions = new SessionsViewModel(opener, NOW);
        vm = new DataSourcesViewModel(store, () -> secrets, sessions, opener, NOW);
    }

    private static DataSourceProfile profile(String name, boolean savePassword) {
        DataSourceProfile p = DataSourceProfile.create(name, "mariadb", "db-" + name, 3306, "ops");
        return new DataSourceProfile(p.id(), p.name(), p.type(), p.host(), p.port(), p.user(), "", p.tlsMode(), "",
                p.connectTimeoutMillis(), p.queryTimeoutMillis(), p.properties(), "red", savePassword, p.options());
    }

    @Test
    void theKeychainIsOpenedOnceOnFirstUseOrWhenAskedNotWhenTheWindowIsBuilt() throws Exception {
        List<String> opens = new ArrayList<>();
        DataSourcesViewModel lazy = new DataSourcesViewModel(store, () -> {
            opens.add("open");
            return secrets;
        }, sessions, spec -> new Listing(spec.name()), NOW);
        assertThat(opens).as("not while the window is built").isEmpty();

        lazy.openKeychain();
        lazy.openKeychain();
        lazy.save(profile("prod", true), "pw".toCharArray(), e -> { throw new AssertionError(e); });

        assertThat(opens).containsExactly("open");
        assertThat(secrets.read(lazy.rows().get(0).profile().orElseThrow().id())).hasValueSatisfying(pw -> assertThat(new String(pw)).isEqualTo("pw"));
    }

    @Test
    void savingWritesTheProfileWithoutItsPasswordAndThePasswordToTheSecretStore() throws Exception {
        DataSourceProfile prod = profile("prod", true);
        vm.save(prod, "s3cret-pw".toCharArray(), e -> { throw new AssertionError(e); });

        String file = Files.readString(store.file(), StandardCharsets.UTF_8);
        assertThat(file).contains("\"prod\"").doesNotContain("s3cret-pw");
        assertThat(secrets.read(prod.id())).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("s3cret-pw"));
        assertThat(store.load().profiles()).containsExactly(prod);
    }

    @Test
    void connectUsesTheSavedPasswordAndShowsTheSessions() {
        DataSourceRow row = vm.save(profile("prod", true), "pw1".toCharArray(), e -> { });
        vm.connect(row, null, () -> { }, e -> { throw new AssertionError(e); });

        assertThat(openedWith).containsExactly("pw1");
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.CONNECTED);
        assertThat(row.getDetail()).isEqualTo("MariaDB 11.4.5");
        assertThat(sessions.currentProperty().get()).isSameAs(row.source().orElseThrow());
        assertThat(vm.rows()).as("no unsaved duplicate of a saved source").hasSize(1);

        vm.disconnect(row);
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.DISCONNECTED);
        assertThat(sessions.dataSources()).isEmpty();
    }

    @Test
    void aPasswordNotSavedIsAskedForAndKeptForTheRunWhenSavePasswordIsOn() {
        AtomicInteger asked = new AtomicInteger();
        vm.setPasswordPrompt(p -> {
            asked.incrementAndGet();
            return Optional.of("typed".toCharArray());
        });
        DataSourceRow row = vm.save(profile("prod", true), null, e -> { });
        vm.connect(row, null, () -> { }, e -> { });
        vm.disconnect(row);
        vm.connect(row, null, () -> { }, e -> { });

        assertThat(asked).as("asked once, then kept").hasValue(1);
        assertThat(openedWith).containsExactly("typed", "typed");
    }

    @Test
    void cancellingThePromptLeavesTheSourceDisconnectedAndAFailureIsWorded() {
        DataSourceRow row = vm.save(profile("prod", false), null, e -> { });
        vm.connect(row, null, () -> { }, e -> { });
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.DISCONNECTED);

        refuse = new SourceException(SourceException.Kind.AUTHENTICATION, "Access denied for user 'ops'");
        List<String> failures = new ArrayList<>();
        vm.connect(row, "wrong".toCharArray(), () -> { }, failures::add);
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.FAILED);
        assertThat(row.getDetail()).startsWith("Authentication failed").contains("Access denied");
        assertThat(failures).containsExactly(row.getDetail());
    }

    /** The Quick Connect dialog waits for one of its two answers: a cancelled prompt is one, not silence. */
    @Test
    void aCancelledPasswordPromptIsReportedSoThatTheCallerStopsWaiting() {
        vm.setPasswordPrompt(p -> Optional.empty());
        DataSourceRow row = vm.save(profile("prod", false), null, e -> { });
        List<String> failures = new ArrayList<>();
        List<String> opened = new ArrayList<>();

        vm.connect(row, null, () -> opened.add("opened"), failures::add);

        assertThat(opened).isEmpty();
        assertThat(failures).containsExactly("Not connected: no password was given.");
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.DISCONNECTED);
        assertThat(openedWith).as("nothing was opened").isEmpty();
    }

    /** The sidebar's Test runs the dialog's check with the saved password and words it the same way. */
    @Test
    void theSidebarsTestIsTheDialogsCheckWithTheSavedPassword() {
        List<String> checked = new ArrayList<>();
        vm.setChecker(spec -> {
            checked.add(new String(spec.password()));
            return checked.size() == 1
                    ? new dev.sessiondeck.core.source.ConnectionCheck(
                            new dev.sessiondeck.core.source.ConnectionCheck.Step(dev.sessiondeck.core.source.ConnectionCheck.Status.NOT_USED, Optional.empty()),
                            new dev.sessiondeck.core.source.ConnectionCheck.Step(dev.sessiondeck.core.source.ConnectionCheck.Status.PASSED, Optional.empty()),
                            Optional.empty(), Optional.of("MariaDB 11.4.5"))
                    : new dev.sessiondeck.core.source.ConnectionCheck(
                            new dev.sessiondeck.core.source.ConnectionCheck.Step(dev.sessiondeck.core.source.ConnectionCheck.Status.NOT_USED, Optional.empty()),
                            new dev.sessiondeck.core.source.ConnectionCheck.Step(dev.sessiondeck.core.source.ConnectionCheck.Status.FAILED,
                                    Optional.of(new SourceException(SourceException.Kind.AUTHENTICATION, "Access denied for user 'ops'"))),
                            Optional.empty(), Optional.empty());
        });
        DataSourceRow row = vm.save(profile("prod", true), "saved-pw".toCharArray(), e -> { throw new AssertionError(e); });
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();

        vm.test(row, passed::add, failed::add);
        vm.test(row, passed::add, failed::add);

        assertThat(checked).containsExactly("saved-pw", "saved-pw");
        assertThat(passed).singleElement().asString().contains("Connected: MariaDB 11.4.5");
        assertThat(failed).singleElement().asString().contains("Access denied");
    }

    private static DataSourceProfile tunnelled(String name) {
        return profile(name, false).withSshTunnel(new dev.sessiondeck.core.profile.SshSettings("127.0.0.1", 22, "ops",
                dev.sessiondeck.core.ssh.SshAuth.PASSWORD, "", "", "", false));
    }

    /**
     * Quick Connect with Save: the SSH password typed in the dialog is used, not asked again; an
     * unknown host key, once accepted, is kept with the data source and the connection is tried again
     * with the same passwords, without asking for any of them a second time.
     */
    @Test
    void theTypedSshPasswordIsUsedAndAnAcceptedHostKeyRetriesWithoutAskingAgain() {
        dev.sessiondeck.core.ssh.SshHostKey presented = new dev.sessiondeck.core.ssh.SshHostKey("ssh-ed25519",
                "SHA256:" + "A".repeat(43));
        List<String> asked = new ArrayList<>();
        List<String> sshSecrets = new ArrayList<>();
        List<Optional<dev.sessiondeck.core.ssh.SshHostKey>> trusted = new ArrayList<>();
        SessionsViewModel.Opener opener = spec -> {
            sshSecrets.add(new String(spec.sshTunnel().orElseThrow().secret()));
            trusted.add(spec.sshTunnel().orElseThrow().hostKey());
            openedWith.add(new String(spec.password()));
            if (spec.sshTunnel().orElseThrow().hostKey().isEmpty()) {
                throw new SourceException(SourceException.Kind.UNREACHABLE, "host key unknown",
                        new dev.sessiondeck.core.ssh.SshException(dev.sessiondeck.core.ssh.SshException.Kind.HOST_KEY_UNKNOWN,
                                "unknown", "The SSH server's host key is not known", presented, null));
            }
            return new Listing(spec.name());
        };
        DataSourcesViewModel tunnels = new DataSourcesViewModel(store, () -> secrets, sessions, opener, NOW);
        tunnels.setPasswordPrompt(p -> {
            asked.add("password");
            return Optional.of("asked".toCharArray());
        });
        tunnels.setSshSecretPrompt(p -> {
            asked.add("ssh");
            return Optional.of("asked-ssh".toCharArray());
        });
        tunnels.setHostKeyPrompt((p, key) -> {
            asked.add("host key");
            return true;
        });
        DataSourceRow row = tunnels.save(tunnelled("bastion"), null, null, e -> { throw new AssertionError(e); });
        List<String> failures = new ArrayList<>();
        List<String> opened = new ArrayList<>();

        tunnels.connect(row, "db-pw".toCharArray(), "ssh-pw".toCharArray(), () -> opened.add("opened"), failures::add);

        assertThat(failures).isEmpty();
        assertThat(opened).containsExactly("opened");
        assertThat(asked).as("only the host key was a question").containsExactly("host key");
        assertThat(openedWith).containsExactly("db-pw", "db-pw");
        assertThat(sshSecrets).containsExactly("ssh-pw", "ssh-pw");
        assertThat(trusted).containsExactly(Optional.empty(), Optional.of(presented));
        assertThat(row.getState()).isEqualTo(DataSourceRow.State.CONNECTED);
        assertThat(row.profile().orElseThrow().sshTunnel().orElseThrow().hostKey()).isEqualTo(presented.toString());
    }

    @Test
    void duplicateTakesAFreeNameAndNotThePasswordAndDeleteForgetsBoth() throws Exception {
        DataSourceProfile prod = profile("prod", true);
        DataSourceRow row = vm.save(prod, "pw".toCharArray(), e -> { });
        DataSourceRow copy = vm.duplicate(row, e -> { });
        DataSourceRow third = vm.duplicate(row, e -> { });

        assertThat(vm.rows()).extracting(DataSourceRow::getName).containsExactly("prod", "prod (3)", "prod (2)");
        assertThat(copy.profile().orElseThrow().savePassword()).isFalse();
        assertThat(vm.nameTaken("prod (2)", prod.id())).isTrue();
        assertThat(vm.nameTaken("prod", prod.id())).as("its own name").isFalse();

        vm.delete(row, e -> { });
        vm.delete(third, e -> { });
        assertThat(secrets.read(prod.id())).isEmpty();
        assertThat(store.load().profiles()).extracting(DataSourceProfile::name).containsExactly("prod (2)");
    }

    @Test
    void loadReportsACorruptFileOnceAndStartsEmpty() throws Exception {
        Files.writeString(store.file(), "{ not json");
        List<String> problems = new ArrayList<>();
        vm.load(() -> { }, problems::add);
        assertThat(problems).singleElement().asString().contains("moved");
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void importRenamesClashesAndExportHasNoPassword() throws Exception {
        vm.save(profile("prod", true), "pw-never-exported".toCharArray(), e -> { });
        Path export = dir.resolve("export.json");
        List<String> done = new ArrayList<>();
        vm.exportTo(export, done::add, e -> { throw new AssertionError(e); });
        assertThat(Files.readString(export)).doesNotContain("pw-never-exported").contains("\"savePassword\" : false");

        vm.importFrom(export, done::add, e -> { throw new AssertionError(e); });
        assertThat(vm.rows()).extracting(DataSourceRow::getName).containsExactly("prod", "prod (2)");
        assertThat(done).hasSize(2);
    }

    @Test
    void theDemoAndQuickConnectsShowUnsavedAndGoWhenClosed() {
        vm.connectUnsaved(ConnectionSpec.builder().name("quick").host("h").user("u").build(), () -> { }, e -> { });
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.isSaved()).isFalse();
            assertThat(r.getState()).isEqualTo(DataSourceRow.State.CONNECTED);
        });
        vm.disconnect(vm.rows().get(0));
        assertThat(vm.rows()).isEmpty();
    }

    /** A plain fake of our SessionSource that lists nothing. */
    private record Listing(String name) implements SessionSource {
        @Override
        public String describe() {
            return ServerInfo.detectMySqlFamily("11.4.5-MariaDB", null, false).describe();
        }

        @Override
        public List<Attribute<?>> attributes() {
            return List.of();
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot(name, List.of(), Instant.now(), Duration.ZERO);
        }

        @Override
        public KillResult kill(SessionKey key, KillMode mode) {
            return new KillResult(key, mode, true, Duration.ZERO);
        }

        @Override
        public void close() {
        }
    }
}
