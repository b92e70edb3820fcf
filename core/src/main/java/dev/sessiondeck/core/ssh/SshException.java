package dev.sessiondeck.core.ssh;

import dev.sessiondeck.core.model.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSH hop of a tunnel failed. {@link #getMessage()} is a sentence for people (never with a
 * secret); {@link #reason()} is the short cause shown as "unreachable (SSH: reason)".
 */
public final class SshException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong on the SSH hop. */
    public enum Kind {
        /** No SSH server answered: refused, unknown host, no route, or the connection was lost. */
        UNREACHABLE,
        /** The SSH server did not finish a step within the connect timeout. */
        TIMEOUT,
        /** The SSH server refused the user, key, agent's keys or password. */
        AUTHENTICATION,
        /** The key file cannot be read, or its passphrase is missing or wrong; or no agent answers. */
        CREDENTIALS,
        /** The server's host key is known to neither known_hosts nor the data source. */
        HOST_KEY_UNKNOWN,
        /** The server's host key differs from the one known_hosts or the data source holds. */
        HOST_KEY_CHANGED,
        /** The SSH server could not open the forwarded connection to the database server. */
        FORWARD_REFUSED
    }

    private final Kind kind;
    private final transient Text reason;
    private final transient Text text;
    private final transient SshHostKey presented;

    /** A failure in English words only. */
    public SshException(Kind kind, String reason, String message, SshHostKey presented, Throwable cause) {
        this(kind, Text.verbatim(Objects.requireNonNull(reason, "reason")),
                Text.verbatim(Objects.requireNonNull(message, "message")), presented, cause);
    }

    /**
     * A failure the window words in its language; {@link #getMessage()} and {@link #reason()} are the
     * English of {@code text} and {@code reason}.
     */
    public SshException(Kind kind, Text reason, Text text, SshHostKey presented, Throwable cause) {
        super(Objects.requireNonNull(text, "text").english(), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.text = text;
        this.presented = presented;
    }

    /** What went wrong, for the window to word in its language. */
    public Text text() {
        return text;
    }

    /** The short cause ({@link #reason()}) for the window to word in its language. */
    public Text reasonText() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The short cause, e.g. "connection refused", "host key changed". */
    public String reason() {
        return reason.english();
    }

    /** The host key the server presented, for {@link Kind#HOST_KEY_UNKNOWN} and {@link Kind#HOST_KEY_CHANGED}. */
    public Optional<SshHostKey> presentedHostKey() {
        return Optional.ofNullable(presented);
    }
}
