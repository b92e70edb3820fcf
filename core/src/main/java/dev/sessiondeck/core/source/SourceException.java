package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Text;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Any failure of a {@link SessionSource}, wrapped once at the core boundary. {@link #kind()} says
 * what went wrong in terms the UI and the command line can word; {@link #text()} is a sentence a person
 * understands, as a message key the window words in its language, and {@link #getMessage()} the same in
 * English (for logs and the command line). Neither contains a password.
 */
public final class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The server refused the user name or password (MySQL 1045, PostgreSQL 28P01/28000). */
        AUTHENTICATION,
        /** No server answered: connection refused, unknown host, network down (SQLState class 08). */
        UNREACHABLE,
        /** The server did not answer within the connect or query timeout. */
        TIMEOUT,
        /**
         * The user lacks a privilege (MySQL 1095 "not owner of thread", 1227 "access denied; you need
         * the SUPER/CONNECTION_ADMIN privilege", PostgreSQL 42501).
         */
        PRIVILEGE,
        /** The session ended, or its id now names another session (MySQL 1094 "Unknown thread id"). */
        SESSION_GONE,
        /** SessionDeck refuses on purpose, e.g. to kill its own monitoring connection. */
        REFUSED,
        /**
         * The SSH server in front of the data source presented a host key that is not trusted: unknown
         * (the user may accept it once, {@link #presentedHostKey()}) or changed (refused).
         */
        HOST_KEY,
        /** The server or this version cannot do it. */
        UNSUPPORTED,
        /** Anything else the server said; the message carries its words. */
        SERVER_ERROR
    }

    private final Kind kind;
    private final Text text;
    private final String sqlState;
    private final int vendorCode;

    /** A failure worded in English only (a message core has not given a key yet, or a foreign text). */
    public SourceException(Kind kind, String message) {
        this(kind, Text.verbatim(Objects.requireNonNull(message, "message")), null, 0, null);
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        this(kind, Text.verbatim(Objects.requireNonNull(message, "message")), cause);
    }

    public SourceException(Kind kind, String message, String sqlState, int vendorCode, Throwable cause) {
        this(kind, Text.verbatim(Objects.requireNonNull(message, "message")), sqlState, vendorCode, cause);
    }

    /** A failure the window words in its language; {@link #getMessage()} is {@code text} in English. */
    public SourceException(Kind kind, Text text) {
        this(kind, text, null, 0, null);
    }

    public SourceException(Kind kind, Text text, Throwable cause) {
        this(kind, text, cause instanceof SQLException s ? s.getSQLState() : null,
                cause instanceof SQLException s ? s.getErrorCode() : 0, cause);
    }

    public SourceException(Kind kind, Text text, String sqlState, int vendorCode, Throwable cause) {
        super(Objects.requireNonNull(text, "text").english(), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = text;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * What went wrong, for the window to word in its language ({@link Text#resolve}); a server's own
     * message stays in the server's words inside it.
     */
    public Text text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /** The SQLState the server or driver reported, if any. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * The SSH hop's failure behind this one, when the data source is reached through an SSH tunnel and
     * the tunnel (not the database server) failed.
     */
    public Optional<dev.sessiondeck.core.ssh.SshException> sshFailure() {
        for (Throwable c = getCause(); c != null; c = c.getCause()) {
            if (c instanceof dev.sessiondeck.core.ssh.SshException ssh
                    && ssh.kind() != dev.sessiondeck.core.ssh.SshException.Kind.FORWARD_REFUSED) {
                return Optional.of(ssh);
            }
        }
        return Optional.empty();
    }

    /** For {@link Kind#HOST_KEY}: the key the SSH server presented, to show and, when unknown, to accept. */
    public Optional<dev.sessiondeck.core.ssh.SshHostKey> presentedHostKey() {
        return sshFailure().flatMap(dev.sessiondeck.core.ssh.SshException::presentedHostKey);
    }

    /** The vendor error code (MySQL error number), 0 when none. */
    public int vendorCode() {
        return vendorCode;
    }
}
