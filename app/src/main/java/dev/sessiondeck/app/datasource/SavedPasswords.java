package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.SecretStore;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved passwords of the data sources: the system keychain (or memory, where none answers),
 * used in the background one call after the other, so that a read never overtakes a write; and
 * the prompt for a password that is not saved. Passwords are passed as {@code char[]}, cleared after
 * use, and never logged.
 */
final class SavedPasswords {

    /** Asks the user for a profile's password, on the UI thread; empty when they cancel. */
    @FunctionalInterface
    interface Prompt {
        Optional<char[]> ask(DataSourceProfile profile);
    }

    /** One call on the secret store. */
    @FunctionalInterface
    interface SecretCall<T> {
        T apply(SecretStore store) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SavedPasswords.class);

    private final Background background;
    private final CompletableFuture<SecretStore> secrets = new CompletableFuture<>();
    private final ReadOnlyBooleanWrapper keychainMissing = new ReadOnlyBooleanWrapper(this, "keychainMissing");
    private Prompt prompt = p -> Optional.empty();
    /** The last secret-store job: each waits for the one before. */
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);

    private final Supplier<SecretStore> opener;
    private final java.util.concurrent.atomic.AtomicBoolean opening = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param opener opens the password store; called once, off the UI thread, on the first use or
     *               {@link #open()}, whichever comes first
     */
    SavedPasswords(Supplier<SecretStore> opener, Background background) {
        this.background = background;
        this.opener = opener;
    }

    /**
     * Starts opening the password store in the background, once. The application calls it after its
     * first frame: the keychain's libraries (JNA, D-Bus) and its connection would otherwise compete
     * with the window's start for the processor.
     */
    void open() {
        if (opening.compareAndSet(false, true)) {
            background.run(opener::get, s -> {
                keychainMissing.set(!s.persistent());
                secrets.complete(s);
            }, e -> secrets.completeExceptionally(e));
        }
    }

    void setPrompt(Prompt prompt) {
        this.prompt = prompt;
    }

    /** True when no operating-system keychain answered: saved passwords last for this run only. */
    ReadOnlyBooleanProperty keychainMissing() {
        return keychainMissing.getReadOnlyProperty();
    }

    /** Runs {@code call} in the background after every earlier secret-store job. */
    <T> void use(SecretCall<T> call, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        open();
        CompletableFuture<Void> before = queue;
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue = done;
        background.run(() -> {
            try {
                before.join();
                return call.apply(secrets.join());
            } finally {
                done.complete(null);
            }
        }, onSuccess, onFailure);
    }

    /**
     * A read of profile {@code id}'s saved password, to run on a background thread: it waits for the
     * jobs queued before this call (on the UI thread), then reads; empty when none is saved.
     */
    java.util.concurrent.Callable<Optional<char[]>> reader(String id) {
        open();
        CompletableFuture<Void> before = queue;
        return () -> {
            before.join();
            return secrets.join().read(id);
        };
    }

    /**
     * The profile's password: from the store when saved there, else asked (when {@code ask}); an
     * asked password of a profile with Save password is kept in the store. Calls {@code then} on
     * the UI thread with a copy to clear, or {@code none} when there is none.
     */
    void password(DataSourceProfile p, boolean ask, Consumer<char[]> then, Runnable none) {
        use(store -> p.savePassword() ? store.read(p.id()) : Optional.<char[]>empty(), saved -> {
            if (saved.isPresent()) {
                then.accept(saved.get());
            } else {
                askFor(p, ask, then, none);
            }
        }, e -> {
            LOG.info("Cannot read the saved password of {}: {}", p.name(), e.getMessage());
            askFor(p, ask, then, none);
        });
    }

    private void askFor(DataSourceProfile p, boolean ask, Consumer<char[]> then, Runnable none) {
        Optional<char[]> asked = ask ? prompt.ask(p) : Optional.empty();
        if (asked.isEmpty()) {
            none.run();
            return;
        }
        if (p.savePassword()) {
            char[] keep = asked.get().clone();
            use(store -> {
                try {
                    store.write(p.id(), keep);
                } finally {
                    Arrays.fill(keep, '\0');
                }
                return null;
            }, ok -> { }, e -> LOG.info("Cannot keep the password of {}: {}", p.name(), e.getMessage()));
        }
        then.accept(asked.get());
    }
}
