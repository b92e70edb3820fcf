package dev.sessiondeck.core.profile;

import java.util.Optional;

/**
 * Where saved passwords live, by profile id; never in the profiles file.
 */
public interface SecretStore {

    /** True when passwords saved here outlive this run (an operating-system keychain). */
    boolean persistent();

    /** Words for the user: "the GNOME keyring (Secret Service)", "memory, for this run only". */
    String describe();

    /**
     * The saved password, a copy the caller should clear after use.
     *
     * @throws SecretStoreException when the store cannot be asked
     */
    Optional<char[]> read(String profileId) throws SecretStoreException;

    /** Saves or replaces the password. */
    void write(String profileId, char[] password) throws SecretStoreException;

    /** Forgets the password; nothing happens when there is none. */
    void delete(String profileId) throws SecretStoreException;

    /** The keychain could not be used; the message says why, never with the password. */
    final class SecretStoreException extends Exception {
        private static final long serialVersionUID = 1L;

        public SecretStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
