package dev.sessiondeck.core.model;

import java.util.Objects;

/**
 * A value a person gave is refused (a setting of a data source, a JDBC URL): an
 * {@link IllegalArgumentException} whose words the window shows in its language ({@link #text()});
 * {@link #getMessage()} is the same in English, for the command line and the logs.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Text text;

    public InvalidValueException(Text text) {
        this(text, null);
    }

    public InvalidValueException(Text text, Throwable cause) {
        super(Objects.requireNonNull(text, "text").english(), cause);
        this.text = text;
    }

    /** What is wrong, for the window to word in its language. */
    public Text text() {
        return text;
    }
}
