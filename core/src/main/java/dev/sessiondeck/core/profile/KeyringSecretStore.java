package dev.sessiondeck.core.profile;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's keychain through java-keyring: Secret Service (GNOME Keyring, KWallet) on
 * Linux, Keychain on macOS, Credential Manager on Windows. Entries are stored under the service
 * {@value #SERVICE} and the profile's id.
 */
public final class KeyringSecretStore implements SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(KeyringSecretStore.class);

    static final String SERVICE = "SessionDeck";
    /** How long finding the keychain may take: a missing D-Bus session can otherwise hang. */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(3);

    private final Keyring keyring;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The keychain if one answers within {@link #OPEN_TIMEOUT}, else the in-memory store; the
     * caller tells the user which ({@link SecretStore#persistent()}).
     */
    public static SecretStore openOrMemory() {
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sessiondeck-keyring-open");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Keyring> opening = exec.submit((java.util.concurrent.Callable<Keyring>) Keyring::create);
            Keyring k = opening.get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new KeyringSecretStore(k);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof BackendNotSupportedException ? e.getCause() : e;
            LOG.info("No operating-system keychain ({}): passwords are kept in memory for this run", cause.getMessage());
        } catch (TimeoutException e) {
            LOG.info("The operating-system keychain did not answer within {} s: passwords are kept in memory for this run",
                    OPEN_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("The operating-system keychain cannot be used ({}): passwords are kept in memory for this run", e.toString());
        } finally {
            exec.shutdownNow();
        }
        return new MemorySecretStore();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String describe() {
        return "the operating system's keychain (" + keyring.getKeyringStorageType() + ")";
    }

    @Override
    public Optional<char[]> read(String profileId) throws SecretStoreException {
        try {
            String p = keyring.getPassword(SERVICE, profileId);
            return p == null ? Optional.empty() : Optional.of(p.toCharArray());
        } catch (PasswordAccessException e) {
            // java-keyring says "not found" through this exception too
            LOG.debug("no saved password for {}: {}", profileId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void write(String profileId, char[] password) throws SecretStoreException {
        try {
            keyring.setPassword(SERVICE, profileId, new String(password));
        } catch (PasswordAccessException e) {
            throw new SecretStoreException("The keychain refused to save the password: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String profileId) throws SecretStoreException {
        try {
            keyring.deletePassword(SERVICE, profileId);
        } catch (PasswordAccessException e) {
            LOG.debug("nothing to delete for {}: {}", profileId, e.getMessage());
        }
    }
}
