package dev.sessiondeck.core.source;

import java.util.Objects;

/**
 * Opens a {@link SessionSource} for a {@link ConnectionSpec}: the spec's {@link SourceType} does it.
 */
public final class SessionSources {

    private final SourceTypes types;

    public SessionSources(SourceTypes types) {
        this.types = Objects.requireNonNull(types, "types");
    }

    /** With every type found on the class path ({@link SourceTypes#installed()}). */
    public static SessionSources loaded() {
        return new SessionSources(SourceTypes.installed());
    }

    /** The kinds of data source it can open. */
    public SourceTypes types() {
        return types;
    }

    /**
     * Opens the data source. Blocks for at most about the connect timeout plus one query timeout.
     *
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE}, {@code TIMEOUT}, or
     *                         {@code UNSUPPORTED} when no adapter serves the server or the type is unknown
     */
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        SourceType type = types.find(spec.type()).orElseThrow(() -> new SourceException(SourceException.Kind.UNSUPPORTED,
                "SessionDeck has no adapter for data sources of type " + spec.type() + " in this build"));
        return type.open(spec);
    }
}
