package dev.sessiondeck.core.ssh;

import java.util.Optional;

/**
 * Whether to trust the host key an SSH server presented, decided from the user's
 * {@code known_hosts} and the fingerprint saved with the data source (OpenSSH's rules, ssh(1)
 * "VERIFYING HOST KEYS"): a key that differs from one either of them holds is refused; a key that
 * neither knows is trusted only when the user said so ({@code acceptNew}).
 */
public enum HostKeyVerdict {
    /** known_hosts or the saved fingerprint holds this key, or the user accepted it. */
    TRUSTED,
    /** Neither holds a key of this host: show the fingerprint and ask. */
    UNKNOWN,
    /** known_hosts or the saved fingerprint holds another key for this host: refuse, warn. */
    CHANGED;

    /** What known_hosts says of the presented key. */
    public enum KnownHosts {
        /** It lists this very key for the host. */
        MATCH,
        /** It lists another key of the same type for the host. */
        MISMATCH,
        /** It lists no key of this type for the host (or there is no file). */
        ABSENT
    }

    /**
     * @param presented the key the server presented
     * @param knownHosts what the user's known_hosts says of it
     * @param saved     the key saved with the data source (or accepted when the tunnel first opened)
     * @param acceptNew trust a key that neither knows (the user accepted it once)
     */
    public static HostKeyVerdict decide(SshHostKey presented, KnownHosts knownHosts, Optional<SshHostKey> saved,
                                        boolean acceptNew) {
        if (knownHosts == KnownHosts.MISMATCH) {
            return CHANGED;
        }
        if (saved.isPresent()) {
            // a saved key of another type is a change too: the server was asked for that type first
            return saved.get().equals(presented) ? TRUSTED : CHANGED;
        }
        if (knownHosts == KnownHosts.MATCH || acceptNew) {
            return TRUSTED;
        }
        return UNKNOWN;
    }
}
