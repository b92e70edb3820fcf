package dev.sessiondeck.app.support;

import dev.sessiondeck.core.model.InvalidValueException;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.ssh.SshException;

/** Words a failure for a person: what kind of problem, then what the server or core said. */
public final class ErrorText {

    private ErrorText() {
    }

    /** "Authentication failed: Access denied for user ...", in the window's language. */
    public static String of(Throwable error) {
        if (error instanceof SourceException se) {
            return Messages.get("error.kind." + se.kind().name(), message(se));
        }
        if (error instanceof IllegalArgumentException) {
            return Messages.get("error.invalid", message(error));
        }
        return Messages.get("error.other", message(error));
    }

    /**
     * What core said, in the window's language when core gave it as a message key ({@link SourceException},
     * {@link InvalidValueException}, {@link SshException}); otherwise the exception's own words (a library's, in English).
     */
    public static String message(Throwable error) {
        if (error instanceof SourceException se) {
            return se.text().resolve(Messages.locale());
        }
        if (error instanceof InvalidValueException invalid) {
            return invalid.text().resolve(Messages.locale());
        }
        if (error instanceof SshException ssh) {
            return ssh.text().resolve(Messages.locale());
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
