package dev.sessiondeck.app.support;

import dev.sessiondeck.core.source.SourceException;

/** Words a failure for a person: what kind of problem, then what the server or core said. */
public final class ErrorText {

    private ErrorText() {
    }

    /** "Authentication failed: Access denied for user ...", in the window's language. */
    public static String of(Throwable error) {
        if (error instanceof SourceException se) {
            return Messages.get("error.kind." + se.kind().name(), se.text().resolve(Messages.locale()));
        }
        if (error instanceof IllegalArgumentException) {
            return Messages.get("error.invalid", error.getMessage());
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return Messages.get("error.other", message);
    }
}
