package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.SshSettings;
import dev.sessiondeck.core.source.ConnectionCheck;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnel;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting the data sources of {@link DataSourcesViewModel}: the passwords (typed, from the
 * keychain, asked), the SSH tunnel's secret and host key, opening in the background, the Test
 * button's check, and what the rows show meanwhile. Touched on the UI thread; files, the keychain and
 * the network through the {@link Background}.
 */
final class DataSourceConnector {

    /** Saves a profile (the host key accepted while connecting) as the view model does. */
    @FunctionalInterface
    interface Saver {
        void save(DataSourceProfile profile, Consumer<String> onError);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceConnector.class);

    private final List<DataSourceRow> rows;
    private final SessionsViewModel sessions;
    private final SessionsViewModel.Opener opener;
    private final Background background;
    private final SavedPasswords passwords;
    private final Saver saver;
    private java.util.function.Function<ConnectionSpec, ConnectionCheck> checker = SessionSources.loaded()::check;
    private DataSourcesViewModel.PasswordPrompt sshPrompt = p -> Optional.empty();
    private DataSourcesViewModel.HostKeyPrompt hostKeyPrompt = (p, key) -> false;

    DataSourceConnector(List<DataSourceRow> rows, SessionsViewModel sessions, SessionsViewModel.Opener opener,
                        Background background, SavedPasswords passwords, Saver saver) {
        this.rows = rows;
        this.sessions = sessions;
        this.opener = opener;
        this.background = background;
        this.passwords = passwords;
        this.saver = saver;
    }

    void setHostKeyPrompt(DataSourcesViewModel.HostKeyPrompt prompt) {
        this.hostKeyPrompt = Objects.requireNonNull(prompt, "prompt");
    }

    void setSshSecretPrompt(DataSourcesViewModel.PasswordPrompt prompt) {
        this.sshPrompt = Objects.requireNonNull(prompt, "prompt");
    }


    /**
     * Connects a saved data source in the background and shows its sessions; one that is
     * connected already is just shown. The password comes from {@code typed}, else the keychain
     * (when saved there), else the {@link #setPasswordPrompt prompt}; a prompted password of a
     * profile with Save password is kept in the secret store (for this run only without a keychain).
     *
     * @param typed     a password the user just typed, or {@code null}; cleared here
     * @param onOpened  runs once connected
     * @param onFailure receives the failure worded for a person (the row shows it too), also when
     *                  the user cancelled a password prompt (then "Not connected: no password ...")
     */
    void connect(DataSourceRow row, char[] typed, Runnable onOpened, Consumer<String> onFailure) {
        connect(row, typed, null, true, onOpened, onFailure);
    }

    /**
     * As {@link #connect(DataSourceRow, char[], Runnable, Consumer)}, with the SSH tunnel's password
     * or passphrase the user just typed (Quick Connect with Save): it is used instead of asking again
     * when the profile does not keep it.
     *
     * @param typedSshSecret the tunnel's secret typed, or {@code null} (or empty) for none; cleared here
     */
    void connect(DataSourceRow row, char[] typed, char[] typedSshSecret, Runnable onOpened,
                        Consumer<String> onFailure) {
        connect(row, typed, typedSshSecret, true, onOpened, onFailure);
    }

    /**
     * Connects the data source remembered from the last run, if its password is saved (or none is
     * needed); else it only stays in the list, so that starting the window never asks for a password.
     */
    void reconnect(DataSourceRow row) {
        connect(row, null, null, false, () -> { }, reason -> { });
    }

    private void connect(DataSourceRow row, char[] typed, char[] typedSshSecret, boolean ask, Runnable onOpened,
                         Consumer<String> onFailure) {
        char[] sshTyped = typedSshSecret == null || typedSshSecret.length == 0 ? null : typedSshSecret.clone();
        if (typedSshSecret != null) {
            Arrays.fill(typedSshSecret, '\0');
        }
        if (row.getState() == DataSourceRow.State.CONNECTED) {
            row.source().ifPresent(s -> sessions.currentProperty().set(s));
            onOpened.run();
            return;
        }
        DataSourceProfile p = row.profile().orElse(null);
        if (p == null || row.getState() == DataSourceRow.State.CONNECTING) {
            return;
        }
        row.set(DataSourceRow.State.CONNECTING, Messages.get("sidebar.state.connecting"), null);
        if (typed != null) {
            open(row, p, typed, sshTyped, ask, onOpened, onFailure);
            return;
        }
        passwords.password(p, ask, password -> open(row, p, password, sshTyped, ask, onOpened, onFailure),
                () -> cancelled(row, sshTyped, onFailure));
    }

    /** A password prompt was cancelled: the row goes back to disconnected, and the caller hears why. */
    private static void cancelled(DataSourceRow row, char[] sshTyped, Consumer<String> onFailure) {
        if (sshTyped != null) {
            Arrays.fill(sshTyped, '\0');
        }
        row.set(DataSourceRow.State.DISCONNECTED, "", null);
        onFailure.accept(Messages.get("connect.cancelled"));
    }

    /**
     * Tests a saved data source: its password as {@link #connect} finds it, then the same
     * {@link #check} as the dialog's Test (the SSH hop and the database, each said).
     *
     * @param onSuccess receives the check worded for a person when it passed
     * @param onFailure receives it when it did not, or why it could not run (a cancelled prompt)
     */
    void test(DataSourceRow row, Consumer<String> onSuccess, Consumer<String> onFailure) {
        DataSourceProfile p = row.profile().orElse(null);
        if (p == null) {
            return;
        }
        passwords.password(p, true, password -> {
            java.util.concurrent.Callable<ConnectionSpec> spec = specOf(p, password);
            Arrays.fill(password, '\0');
            // the same check as the dialog's Test: the SSH hop, then the database, each said
            background.run(spec, s -> check(s, p, check -> (check.passed() ? onSuccess : onFailure)
                    .accept(TestResultText.of(check)), onFailure), e -> onFailure.accept(ErrorText.of(e)));
        }, () -> onFailure.accept(Messages.get("connect.cancelled")));
    }

    /**
     * The profile's spec with {@code password} (copied) and, when saved, the SSH tunnel's secret from
     * the keychain; to call in the background.
     */
    private java.util.concurrent.Callable<ConnectionSpec> specOf(DataSourceProfile p, char[] password) {
        char[] copy = password.clone();
        java.util.concurrent.Callable<Optional<char[]>> sshSecret = p.sshTunnel().map(SshSettings::saveSecret).orElse(false)
                ? passwords.reader(p.sshSecretId()) : Optional::empty;
        return () -> {
            char[] ssh = sshSecret.call().orElse(null);
            try {
                return p.toSpec(copy, ssh);
            } finally {
                Arrays.fill(copy, '\0');
                if (ssh != null) {
                    Arrays.fill(ssh, '\0');
                }
            }
        };
    }

    /**
     * Opens a saved data source with {@code password} (cleared here). Its SSH tunnel's password, or
     * the passphrase of a key that has one, comes from the keychain when saved there, else from the
     * {@link #setSshSecretPrompt prompt} (when {@code ask}).
     */
    private void open(DataSourceRow row, DataSourceProfile p, char[] password, char[] sshTyped, boolean ask,
                      Runnable onOpened, Consumer<String> onFailure) {
        java.util.concurrent.Callable<ConnectionSpec> specOf = specOf(p, password);
        Arrays.fill(password, '\0');
        Optional<SshSettings> unsaved = p.sshTunnel().filter(t -> !t.saveSecret() && t.auth() != SshAuth.AGENT);
        if (unsaved.isEmpty()) {
            if (sshTyped != null) {
                Arrays.fill(sshTyped, '\0');
            }
            openSpec(row, p, specOf, ask, onOpened, onFailure);
            return;
        }
        if (sshTyped != null) {
            // typed in the dialog a moment ago: not asked again
            openSpec(row, p, withSshSecret(specOf, sshTyped), ask, onOpened, onFailure);
            return;
        }
        SshSettings t = unsaved.get();
        background.run(() -> t.auth() == SshAuth.PASSWORD || SshTunnel.keyFileEncrypted(t.keyFile()), needed -> {
            if (!needed) {
                openSpec(row, p, specOf, ask, onOpened, onFailure);
                return;
            }
            Optional<char[]> asked = ask ? sshPrompt.ask(p) : Optional.empty();
            if (asked.isEmpty()) {
                if (ask) {
                    cancelled(row, null, onFailure);
                } else {
                    row.set(DataSourceRow.State.DISCONNECTED, "", null);
                }
                return;
            }
            openSpec(row, p, withSshSecret(specOf, asked.get()), ask, onOpened, onFailure);
        }, e -> failed(row, ErrorText.of(e), onFailure));
    }

    /** The spec {@code specOf} makes, with the tunnel's {@code secret} (cleared once used). */
    private static java.util.concurrent.Callable<ConnectionSpec> withSshSecret(
            java.util.concurrent.Callable<ConnectionSpec> specOf, char[] secret) {
        return () -> {
            try {
                ConnectionSpec spec = specOf.call();
                return spec.toBuilder().sshTunnel(spec.sshTunnel().orElseThrow().toBuilder().secret(secret).build()).build();
            } finally {
                Arrays.fill(secret, '\0');
            }
        };
    }

    private void openSpec(DataSourceRow row, DataSourceProfile p, java.util.concurrent.Callable<ConnectionSpec> specOf,
                          boolean ask, Runnable onOpened, Consumer<String> onFailure) {
        String described = p.user() + "@" + p.host() + ":" + p.port();
        // the spec as made, kept to try again with a host key the user accepts: making it anew would
        // ask for the passwords again (the callable clears what it was given)
        java.util.concurrent.atomic.AtomicReference<ConnectionSpec> made = new java.util.concurrent.atomic.AtomicReference<>();
        background.run(() -> {
            ConnectionSpec spec = specOf.call();
            made.set(spec);
            return opener.open(spec);
        }, source -> {
            if (!rows.contains(row) || row.getState() != DataSourceRow.State.CONNECTING) {
                // deleted or disconnected meanwhile
                background.worker().execute(source::close);
                return;
            }
            row.set(DataSourceRow.State.CONNECTED, DataSourcesViewModel.describe(source), source);
            sessions.addDataSource(source);
            onOpened.run();
        }, e -> {
            LOG.info("Cannot connect to {} ({}): {}", p.name(), described, e.getMessage());
            Optional<SshHostKey> unknown = ask ? HostKeyDialog.unknown(e) : Optional.empty();
            ConnectionSpec tried = made.get();
            if (unknown.isPresent() && p.sshTunnel().isPresent() && tried != null && tried.sshTunnel().isPresent()
                    && hostKeyPrompt.accept(p, unknown.get())) {
                SshHostKey key = unknown.get();
                DataSourceProfile trusting = p.withSshTunnel(p.sshTunnel().get().withHostKey(key));
                saver.save(trusting, onFailure);
                // the same passwords, now trusting the key: nothing is asked again
                ConnectionSpec again = tried.toBuilder()
                        .sshTunnel(tried.sshTunnel().get().toBuilder().hostKey(key).build()).build();
                openSpec(row, trusting, () -> again, ask, onOpened, onFailure);
                return;
            }
            failed(row, ErrorText.of(e), onFailure);
        });
    }

    private static void failed(DataSourceRow row, String reason, Consumer<String> onFailure) {
        row.set(DataSourceRow.State.FAILED, reason, null);
        onFailure.accept(reason);
    }

    /** Closes the data source's pool (in the background); the row stays, disconnected. */
    void disconnect(DataSourceRow row) {
        row.source().ifPresentOrElse(sessions::removeDataSource, () -> {
            if (row.getState() != DataSourceRow.State.DISCONNECTED) {
                row.set(DataSourceRow.State.DISCONNECTED, "", null);
            }
        });
    }

    /**
     * Connects to a server without saving it (the quick connect); it shows in the list, unsaved.
     *
     * @see SessionsViewModel#connect(ConnectionSpec, Runnable, Consumer)
     */
    void connectUnsaved(ConnectionSpec spec, Runnable onOpened, Consumer<String> onFailure) {
        sessions.connect(spec, onOpened, onFailure);
    }

    /**
     * Checks the SSH hop and the database one after the other ({@link SessionSources#check}), in
     * the background.
     *
     * @param savedOf   when not {@code null}, the profile whose saved password (when {@code spec}
     *                  has none) and saved SSH secret (when the typed one is empty) to use
     * @param onDone    receives what the check found
     */
    void check(ConnectionSpec spec, DataSourceProfile savedOf, Consumer<ConnectionCheck> onDone,
                      Consumer<String> onFailure) {
        java.util.concurrent.Callable<Optional<char[]>> savedPassword = savedOf == null || !savedOf.savePassword()
                ? Optional::empty : passwords.reader(savedOf.id());
        java.util.concurrent.Callable<Optional<char[]>> savedSsh = savedOf == null
                || !savedOf.sshTunnel().map(SshSettings::saveSecret).orElse(false)
                ? Optional::empty : passwords.reader(savedOf.sshSecretId());
        background.run(() -> {
            ConnectionSpec.Builder used = spec.toBuilder();
            if (spec.password().length == 0) {
                savedPassword.call().ifPresent(pw -> {
                    used.password(pw);
                    Arrays.fill(pw, '\0');
                });
            }
            if (spec.sshTunnel().isPresent() && !spec.sshTunnel().get().hasSecret()) {
                savedSsh.call().ifPresent(secret -> {
                    used.sshTunnel(spec.sshTunnel().get().toBuilder().secret(secret).build());
                    Arrays.fill(secret, '\0');
                });
            }
            return checker.apply(used.build());
        }, onDone, e -> onFailure.accept(ErrorText.of(e)));
    }

    /** Who runs a {@link #check}: {@code SessionSources.loaded()::check} unless a test says otherwise. */
    void setChecker(java.util.function.Function<ConnectionSpec, ConnectionCheck> checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }
}
