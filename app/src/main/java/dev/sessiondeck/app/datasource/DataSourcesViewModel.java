package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.session.SessionsViewModel;
import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.SshSettings;
import dev.sessiondeck.core.source.ConnectionCheck;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.ssh.SshHostKey;
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
    private final Background background;
    private final SavedPasswords passwords;
    private final ObservableList<DataSourceRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DataSourceRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final DataSourceConnector connector;

    /**
     * @param secretOpener opens the password store; called once, off the UI thread
     *                     ({@code KeyringSecretStore::openOrMemory} in the application)
     */
    public DataSourcesViewModel(ProfileStore store, Supplier<SecretStore> secretOpener, SessionsViewModel sessions,
                                SessionsViewModel.Opener opener, Background background) {
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.background = Objects.requireNonNull(background, "background");
        this.passwords = new SavedPasswords(secretOpener, background);
        this.connector = new DataSourceConnector(rows, sessions, Objects.requireNonNull(opener, "opener"), background, passwords,
                (profile, onError) -> save(profile, null, null, onError));
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
        connector.setHostKeyPrompt(prompt);
    }

    /** Who asks for an SSH tunnel's password or key passphrase that is not saved; empty when they cancel. */
    public void setSshSecretPrompt(PasswordPrompt prompt) {
        connector.setSshSecretPrompt(prompt);
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

    // ---- connections (DataSourceConnector)

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
    public void connect(DataSourceRow row, char[] typed, Runnable onOpened, Consumer<String> onFailure) {
        connector.connect(row, typed, onOpened, onFailure);
    }

    /**
     * As {@link #connect(DataSourceRow, char[], Runnable, Consumer)}, with the SSH tunnel's password
     * or passphrase the user just typed (Quick Connect with Save): it is used instead of asking again
     * when the profile does not keep it.
     *
     * @param typedSshSecret the tunnel's secret typed, or {@code null} (or empty) for none; cleared here
     */
    public void connect(DataSourceRow row, char[] typed, char[] typedSshSecret, Runnable onOpened,
                        Consumer<String> onFailure) {
        connector.connect(row, typed, typedSshSecret, onOpened, onFailure);
    }

    /**
     * Connects the data source remembered from the last run, if its password is saved (or none is
     * needed); else it only stays in the list, so that starting the window never asks for a password.
     */
    public void reconnect(DataSourceRow row) {
        connector.reconnect(row);
    }

    /**
     * Tests a saved data source: its password as {@link #connect} finds it, then the same
     * {@link #check} as the dialog's Test (the SSH hop and the database, each said).
     *
     * @param onSuccess receives the check worded for a person when it passed
     * @param onFailure receives it when it did not, or why it could not run (a cancelled prompt)
     */
    public void test(DataSourceRow row, Consumer<String> onSuccess, Consumer<String> onFailure) {
        connector.test(row, onSuccess, onFailure);
    }

    /** Closes the data source's pool (in the background); the row stays, disconnected. */
    public void disconnect(DataSourceRow row) {
        connector.disconnect(row);
    }

    /**
     * Connects to a server without saving it (the quick connect); it shows in the list, unsaved.
     *
     * @see SessionsViewModel#connect(ConnectionSpec, Runnable, Consumer)
     */
    public void connectUnsaved(ConnectionSpec spec, Runnable onOpened, Consumer<String> onFailure) {
        connector.connectUnsaved(spec, onOpened, onFailure);
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
        connector.check(spec, savedOf, onDone, onFailure);
    }

    /** Who runs a {@link #check}: {@code SessionSources.loaded()::check} unless a test says otherwise. */
    public void setChecker(java.util.function.Function<ConnectionSpec, ConnectionCheck> checker) {
        connector.setChecker(checker);
    }

    static String describe(SessionSource source) {
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
