package dev.sessiondeck.core.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * An SSH server's host key as people compare it: its algorithm ({@code ssh-ed25519},
 * {@code ecdsa-sha2-nistp256}, {@code rsa-sha2-512} keys are named by their key type, e.g.
 * {@code ssh-rsa}) and its SHA-256 fingerprint in OpenSSH's form, {@code SHA256:} followed by the
 * unpadded Base64 of the SHA-256 of the key's wire encoding (what {@code ssh-keygen -lf} and
 * {@code ssh} print).
 *
 * <p>Saved with a data source as {@link #toString()}: {@code "ssh-ed25519 SHA256:..."}.
 *
 * @param type        the key type, as the first field of the key's wire encoding
 * @param fingerprint {@code SHA256:...}
 */
public record SshHostKey(String type, String fingerprint) {

    public SshHostKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (type.isBlank() || type.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a host key type has no spaces and is not empty: '" + type + "'");
        }
        if (!fingerprint.startsWith("SHA256:") || fingerprint.length() != 50) {
            throw new IllegalArgumentException("a host key fingerprint has the form SHA256: and 43 characters of Base64, not '"
                    + fingerprint + "'");
        }
    }

    /**
     * The host key of a key's wire encoding (RFC 4253 section 6.6: a string naming the type, then the
     * type's fields).
     *
     * @throws IllegalArgumentException when the bytes do not start with a type name
     */
    public static SshHostKey of(byte[] wireKey) {
        ByteBuffer b = ByteBuffer.wrap(wireKey);
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("not an SSH public key: too short");
        }
        int length = b.getInt();
        if (length <= 0 || length > 64 || length > b.remaining()) {
            throw new IllegalArgumentException("not an SSH public key: no key type at its start");
        }
        byte[] type = new byte[length];
        b.get(type);
        return new SshHostKey(new String(type, StandardCharsets.US_ASCII), fingerprint(wireKey));
    }

    /**
     * Reads the saved form {@code "TYPE SHA256:..."}.
     *
     * @throws IllegalArgumentException when it is not that
     */
    public static SshHostKey parse(String saved) {
        String[] parts = saved == null ? new String[0] : saved.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a saved host key has the form 'ssh-ed25519 SHA256:...', not '" + saved + "'");
        }
        return new SshHostKey(parts[0], parts[1]);
    }

    /** OpenSSH's SHA-256 fingerprint of a key's wire encoding. */
    static String fingerprint(byte[] wireKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(wireKey);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code "TYPE SHA256:..."}, the saved form. */
    @Override
    public String toString() {
        return type + " " + fingerprint;
    }
}
