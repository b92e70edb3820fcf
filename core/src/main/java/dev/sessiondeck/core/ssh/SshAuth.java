package dev.sessiondeck.core.ssh;

/** How SessionDeck logs in to the SSH server. */
public enum SshAuth {
    /** A private key file (OpenSSH or PEM format), with its passphrase when it has one. */
    KEY,
    /** The keys of the running SSH agent ({@code SSH_AUTH_SOCK}). */
    AGENT,
    /** A password. */
    PASSWORD
}
