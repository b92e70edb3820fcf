package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Text;

/**
 * The words of failures every kind of data source shares, as {@link Text}s of the bundle
 * {@code dev/sessiondeck/core/source/messages} ({@code what.*}: what was being done; {@code failure.*}:
 * what went wrong, with the {@code what} as {@code {0}}).
 */
public final class SourceText {

    /** The bundle's base name. */
    public static final String BUNDLE = "dev.sessiondeck.core.source.messages";

    private SourceText() {
    }

    /**
     * The text of {@code key} with {@code args}; pass ids and numbers as text ({@code String.valueOf}),
     * so that they are not grouped by the language ("1,045").
     */
    public static Text of(String key, Object... args) {
        return Text.of(BUNDLE, key).with(args);
    }
}
