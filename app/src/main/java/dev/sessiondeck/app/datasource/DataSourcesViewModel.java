package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.SshSettings;
import dev.sessiondeck.core.source.ConnectionCheck;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnel;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.profile.SecretStore;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-source list: saved profiles ({@link ProfileStore}), their passwords ({@link SecretStore}),
 * and which of them are connected. Connecting hands the open {@link SessionSource} to the
 * {@link SessionsViewModel}, which lists its sessions; a data source connected there without a
 * profile (the demo server, a quick connect) shows here too, unsaved.
 *
 * <p>Files, the keychain and the network are used through the {@link Background} it is given;
 * everything else happens on the UI thread. Passwords are passed as {@code char[]}, cleared after
 * use, and never logged.
 */
public final class DataSourcesViewModel {

    /** Asks the user for a profile's password, on the UI thread; empty when they cancel. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> ask(DataSourceProfile profile);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DataSourcesViewModel.class);

    private final ProfileStore store;
    private final SessionsViewModel sessions;
    private final SessionsViewModel.Opener opener;
    private java.util.function.Function<ConnectionSpec, ConnectionCheck> checker = SessionSources.loaded()::check;
    private PasswordPrompt sshPrompt = p -> Optional.empty();
    private HostKeyPrompt hostKeyPrompt = (p, key) -> false;
    private final Background background;
    private final SavedPasswords passwords;
    private final ObservableList<DataSourceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DataSourceRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    /**
     * @param secretOpener opens the password store; called once, off the UI thread
     *                     ({@code KeyringSecretStore::openOrMemory} in the application)
     */
    public DataSourcesViewModel(ProfileStore store, Supplier<SecretStore> secretOpener, SessionsViewModel sessions,
                                SessionsViewModel.Opener opener, Background background) {
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.background = Objects.requireNonNull(background, "background");
        this.passwords = new SavedPasswords(secretOpener, background);
        sessions.dataSources().addListener((ListChangeListener<SessionSource>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::sourceClosed);
                c.getAddedSubList().forEach(this::sourceOpened);
            }
        });
        sessions.refreshErrors().addListener((MapChangeListener<String, String>) c -> rows.stream()
                .filter(r -> r.getState() == DataSourceRow.State.CONNECTED && r.getName().equals(c.getKey()))
                .forEach(r -> r.setRefreshError(c.wasAdded() ? c.getValueAdded() : "")));
    }

    /** Asks, on the UI thread, whether to accept an SSH host key nobody knows yet for a data source. */
    @FunctionalInterface
    public interface HostKeyPrompt {
        boolean accept(DataSourceProfile profile, SshHostKey key);
    }

    /**
     * Who asks whether to accept an unknown SSH host key when a saved data source connects; accepted,
     * the key is saved with the data source and it connects again.
     */
    public void setHostKeyPrompt(HostKeyPrompt prompt) {
        this.hostKeyPrompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** Who asks for an SSH tunnel's password or key passphrase that is not saved; empty when they cancel. */
    public void setSshSecretPrompt(PasswordPrompt prompt) {
        this.sshPrompt = Objects.requireNonNull(prompt, "prompt");
    }

    /** Who asks for a password that is not saved (the window's small password dialog). */
    public void setPasswordPrompt(PasswordPrompt prompt) {
        passwords.setPrompt(Objects.requireNonNull(prompt, "prompt")::ask);
    }

    /** The saved and the connected data sources, saved ones in the file's order. */
    public ObservableList<DataSourceRow> rows() {
        return rowsView;
    }

    /** Starts opening the system keychain in the background (else the first saved password opens it). */
    public void openKeychain() {
        passwords.open();
    }

    /** True when no operating-system keychain answered: saved passwords last for this run only. */
    public ReadOnlyBooleanProperty keychainMissingProperty() {
        return passwords.keychainMissing();
    }

    // ---- the list

    /**
     * Reads the saved profiles in the background.
     *
     * @param onLoaded  receives the rows, after they are listed
     * @param onProblem receives, once, what was wrong with the file (it was set aside) or why it
     *                  could not be read
     */
    public void load(Runnable onLoaded, Consumer<String> onProblem) {
        background.run(store::load, result -> {
            for (DataSourceProfile p : result.profiles()) {
                if (row(p.name()).isEmpty()) {
                    rows.add(rows.size() - unsavedCount(), new DataSourceRow(p));
                }
            }
            result.text().map(t -> t.resolve(Messages.locale())).ifPresent(onProblem);
            onLoaded.run();
        }, e -> onProblem.accept(ErrorText.of(e)));
    }

    /** The row named {@code name}, if any. */
    public Optional<DataSourceRow> row(String name) {
        return rows.stream().filter(r -> r.getName().equals(name)).findFirst();
    }

    /** True when a saved data source other than {@code exceptId} is named {@code name}. */
    public boolean nameTaken(String name, String exceptId) {
        return rows.stream().anyMatch(r -> r.getName().equals(name)
                && r.profile().map(p -> !p.id().equals(exceptId)).orElse(true));
    }

    /**
     * Saves a new or changed profile (matched by id) and writes the file in the background.
     *
     * @param password the password typed, or {@code null} to keep the saved one; with
     *                 {@link DataSourceProfile#savePassword()} it goes to the keychain, without it
     *                 any saved one is forgotten. Cleared here.
     * @param onError  receives a failure to write, worded for a person
     * @return the row of the profile
     */
    public DataSourceRow save(DataSourceProfile profile, char[] password, Consumer<String> onError) {
        return save(profile, password, null, onError);
    }

    /**
     * As {@link #save(DataSourceProfile, char[], Consumer)}, with the SSH tunnel's passphrase or
     * password: with {@link SshSettings#saveSecret()} it goes to the keychain under
     * {@link DataSourceProfile#sshSecretId()}, without it any saved one is forgotten.
     *
     * @param sshSecret the tunnel's secret typed, or {@code null} (or empty) to keep the saved one; cleared here
     */
    public DataSourceRow save(DataSourceProfile profile, char[] password, char[] sshSecret, Consumer<String> onError) {
        boolean keepSsh = profile.sshTunnel().map(SshSettings::saveSecret).orElse(false);
        char[] sshKept = sshSecret == null || sshSecret.length == 0 ? null : sshSecret.clone();
        if (sshSecret != null) {
            Arrays.fill(sshSecret, '\0');
        }
        if (!keepSsh || sshKept != null) {
            passwords.use(store -> {
                try {
                    if (!keepSsh) {
                        store.delete(profile.sshSecretId());
                    } else {
                        store.write(profile.sshSecretId(), sshKept);
                    }
                } finally {
                    if (sshKept != null) {
                        Arrays.fill(sshKept, '\0');
                    }
                }
                return null;
            }, ok -> { }, e -> onError.accept(ErrorText.of(e)));
        }
        DataSourceRow row = rows.stream().filter(r -> r.profile().map(p -> p.id().equals(profile.id())).orElse(false))
                .findFirst().orElse(null);
        if (row == null) {
            row = new DataSourceRow(profile);
            rows.add(rows.size() - unsavedCount(), row);
        } else {
            row.setProfile(profile);
        }
        write(() -> store.upsert(List.of(profile)), onError);
        char[] secret = password == null ? null : password.clone();
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        if (!profile.savePassword() || secret != null) {
            passwords.use(store -> {
                try {
                    if (!profile.savePassword()) {
                        store.delete(profile.id());
                    } else {
                        store.write(profile.id(), secret);
                    }
                } finally {
                    if (secret != null) {
                        Arrays.fill(secret, '\0');
                    }
                }
                return null;
            }, ok -> { }, e -> onError.accept(ErrorText.of(e)));
        }
        return row;
    }

    /** A copy under a free name ("name (2)"), right after the original; its password is not shared. */
    public DataSourceRow duplicate(DataSourceRow original, Consumer<String> onError) {
        DataSourceProfile p = original.profile().orElseThrow(() -> new IllegalArgumentException("not saved"));
        DataSourceRow copy = new DataSourceRow(p.duplicate(freeName(p.name())));
        rows.add(rows.indexOf(original) + 1, copy);
        write(() -> store.upsert(List.of(copy.profile().orElseThrow())), onError);
        return copy;
    }

    /** Disconnects and forgets a data source, with its saved password. */
    public void delete(DataSourceRow row, Consumer<String> onError) {
        disconnect(row);
        rows.remove(row);
        row.profile().ifPresent(p -> {
            write(() -> store.remove(p.id()), onError);
            passwords.use(store -> {
                store.delete(p.id());
                store.delete(p.sshSecretId());
                return null;
            }, ok -> { }, e -> onError.accept(ErrorText.of(e)));
        });
    }

    /** A change of the profiles file, in the background. */
    @FunctionalInterface
    private interface FileChange {
        void run() throws java.io.IOException;
    }

    /**
     * Writes one change to the profiles file in the background: the store reads the file again and
     * changes only this profile, so another SessionDeck's changes stay.
     */
    private void write(FileChange change, Consumer<String> onError) {
        background.run(() -> {
            change.run();
            return null;
        }, ok -> { }, e -> {
            LOG.warn("Cannot save the data sources to {}: {}", store.file(), e.getMessage());
            onError.accept(Messages.get("sidebar.saveFailed", store.file(), e.getMessage()));
        });
    }

    private List<DataSourceProfile> saved() {
        return rows.stream().flatMap(r -> r.profile().stream()).toList();
    }

    private int unsavedCount() {
        return (int) rows.stream().filter(r -> !r.isSaved()).count();
    }

    /** {@code base}, or "base (2)", "base (3)" ... whichever no data source is named yet. */
    String freeName(String base) {
        String name = base;
        for (int i = 2; row(name).isPresent(); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    // ---- connections

    /**
     * Connects a saved data source in the background and shows its sessions; one that is
     * connected already is just shown. The password comes from {@code typed}, else the keychain
     * (when saved there), else the {@link #setPasswordPrompt prompt}; a prompted password of a
     * profile with Save password is kept in the secret store (for this run only without a keychain).
     *
     * @param typed     a password the user just typed, or {@code null}; cleared here
     * @param onOpened  runs once connected
     * @param onFailure receives the failure worded for a person (the row shows it too)
     */
    public void connect(DataSourceRow row, char[] typed, Runnable onOpened, Consumer<String> onFailure) {
        connect(row, typed, true, onOpened, onFailure);
    }

    /**
     * Connects the data source remembered from the last run, if its password is saved (or none is
     * needed); else it only stays in the list, so that starting the window never asks for a password.
     */
    public void reconnect(DataSourceRow row) {
        connect(row, null, false, () -> { }, reason -> { });
    }

    private void connect(DataSourceRow row, char[] typed, boolean ask, Runnable onOpened, Consumer<String> onFailure) {
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
            open(row, p, typed, ask, onOpened, onFailure);
            return;
        }
        passwords.password(p, ask, password -> open(row, p, password, ask, onOpened, onFailure),
                () -> row.set(DataSourceRow.State.DISCONNECTED, "", null));
    }

    /**
     * Tests a saved data source: its password as {@link #connect} finds it, then
     * {@link #test(ConnectionSpec, String, Consumer, Consumer)}.
     */
    public void test(DataSourceRow row, Consumer<String> onSuccess, Consumer<String> onFailure) {
        DataSourceProfile p = row.profile().orElse(null);
        if (p == null) {
            return;
        }
        passwords.password(p, true, password -> {
            java.util.concurrent.Callable<ConnectionSpec> spec = specOf(p, password);
            Arrays.fill(password, '\0');
            background.run(spec, s -> test(s, null, onSuccess, onFailure), e -> onFailure.accept(ErrorText.of(e)));
        }, () -> { });
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
    private void open(DataSourceRow row, DataSourceProfile p, char[] password, boolean ask, Runnable onOpened,
                      Consumer<String> onFailure) {
        java.util.concurrent.Callable<ConnectionSpec> specOf = specOf(p, password);
        Arrays.fill(password, '\0');
        Optional<SshSettings> unsaved = p.sshTunnel().filter(t -> !t.saveSecret() && t.auth() != SshAuth.AGENT);
        if (unsaved.isEmpty()) {
            openSpec(row, p, specOf, ask, onOpened, onFailure);
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
                row.set(DataSourceRow.State.DISCONNECTED, "", null);
                return;
            }
            char[] secret = asked.get();
            openSpec(row, p, () -> {
                try {
                    ConnectionSpec spec = specOf.call();
                    return spec.toBuilder().sshTunnel(spec.sshTunnel().orElseThrow().toBuilder().secret(secret).build()).build();
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }, ask, onOpened, onFailure);
        }, e -> failed(row, ErrorText.of(e), onFailure));
    }

    private void openSpec(DataSourceRow row, DataSourceProfile p, java.util.concurrent.Callable<ConnectionSpec> specOf,
                          boolean ask, Runnable onOpened, Consumer<String> onFailure) {
        String described = p.user() + "@" + p.host() + ":" + p.port();
        background.run(() -> opener.open(specOf.call()), source -> {
            if (!rows.contains(row) || row.getState() != DataSourceRow.State.CONNECTING) {
                // deleted or disconnected meanwhile
                background.worker().execute(source::close);
                return;
            }
            row.set(DataSourceRow.State.CONNECTED, describe(source), source);
            sessions.addDataSource(source);
            onOpened.run();
        }, e -> {
            LOG.info("Cannot connect to {} ({}): {}", p.name(), described, e.getMessage());
            Optional<SshHostKey> unknown = ask ? HostKeyDialog.unknown(e) : Optional.empty();
            if (unknown.isPresent() && p.sshTunnel().isPresent() && hostKeyPrompt.accept(p, unknown.get())) {
                DataSourceProfile trusting = p.withSshTunnel(p.sshTunnel().get().withHostKey(unknown.get()));
                save(trusting, null, null, onFailure);
                row.set(DataSourceRow.State.DISCONNECTED, "", null);
                connect(row, null, true, onOpened, onFailure);
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
    public void disconnect(DataSourceRow row) {
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
    public void connectUnsaved(ConnectionSpec spec, Runnable onOpened, Consumer<String> onFailure) {
        sessions.connect(spec, onOpened, onFailure);
    }

    /**
     * Opens the data source, asks what it is and closes it again, in the background.
     *
     * @param savedPasswordOf when not {@code null} and {@code spec} has no password, the id of the
     *                        profile whose saved password to use
     * @param onSuccess       receives "Connected: MariaDB 11.4.5 (11.4.5-MariaDB)"
     * @param onFailure       receives the failure worded for a person
     */
    public void test(ConnectionSpec spec, String savedPasswordOf, Consumer<String> onSuccess, Consumer<String> onFailure) {
        java.util.concurrent.Callable<Optional<char[]>> savedPassword = savedPasswordOf == null ? null
                : passwords.reader(savedPasswordOf);
        background.run(() -> {
            ConnectionSpec used = spec;
            if (savedPassword != null && spec.password().length == 0) {
                Optional<char[]> saved = savedPassword.call();
                if (saved.isPresent()) {
                    used = spec.toBuilder().password(saved.get()).build();
                    Arrays.fill(saved.get(), '\0');
                }
            }
            try (SessionSource s = opener.open(used)) {
                return Messages.get("editor.test.ok", s.describe());
            }
        }, onSuccess, e -> onFailure.accept(ErrorText.of(e)));
    }

    /**
     * Checks the SSH hop and the database one after the other ({@link SessionSources#check}), in
     * the background.
     *
     * @param savedOf   when not {@code null}, the profile whose saved password (when {@code spec}
     *                  has none) and saved SSH secret (when the typed one is empty) to use
     * @param onDone    receives what the check found
     */
    public void check(ConnectionSpec spec, DataSourceProfile savedOf, Consumer<ConnectionCheck> onDone,
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
    public void setChecker(java.util.function.Function<ConnectionSpec, ConnectionCheck> checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    private static String describe(SessionSource source) {
        return source.describe();
    }

    private void sourceOpened(SessionSource source) {
        if (rows.stream().noneMatch(r -> r.source().orElse(null) == source)) {
            DataSourceRow unsaved = new DataSourceRow(source);
            unsaved.set(DataSourceRow.State.CONNECTED, describe(source), source);
            rows.add(unsaved);
        }
    }

    private void sourceClosed(SessionSource source) {
        for (DataSourceRow r : List.copyOf(rows)) {
            if (r.source().orElse(null) == source) {
                if (r.isSaved()) {
                    r.set(DataSourceRow.State.DISCONNECTED, "", null);
                } else {
                    rows.remove(r);
                }
            }
        }
    }

    // ---- export and import

    /** Writes the saved profiles, without passwords, to {@code file} in the background. */
    public void exportTo(Path file, Consumer<String> onDone, Consumer<String> onError) {
        List<DataSourceProfile> profiles = saved();
        background.run(() -> {
            Files.writeString(file, ProfileStore.export(profiles), StandardCharsets.UTF_8);
            return profiles.size();
        }, n -> onDone.accept(Messages.get("sidebar.exported", n, file)), e -> onError.accept(ErrorText.of(e)));
    }

    /**
     * Adds the profiles of an export, in the background; a name or id already in use gets a free
     * name and a new id. Imported profiles have no saved password.
     */
    public void importFrom(Path file, Consumer<String> onDone, Consumer<String> onError) {
        background.run(() -> ProfileStore.importFrom(Files.readString(file, StandardCharsets.UTF_8)), imported -> {
            List<String> ids = new ArrayList<>(saved().stream().map(DataSourceProfile::id).toList());
            List<DataSourceProfile> added = new ArrayList<>();
            for (DataSourceProfile p : imported) {
                DataSourceProfile a = row(p.name()).isPresent() || ids.contains(p.id()) ? p.duplicate(freeName(p.name())) : p;
                ids.add(a.id());
                added.add(a);
                rows.add(rows.size() - unsavedCount(), new DataSourceRow(a));
            }
            write(() -> store.upsert(added), onError);
            onDone.accept(Messages.get("sidebar.imported", imported.size(), file));
        }, e -> onError.accept(ErrorText.of(e)));
    }
}
