package dev.sessiondeck.core.source;

import java.util.Objects;
import java.util.Optional;

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
     * Opens the data source, through its SSH tunnel when it has one ({@link TunneledSessionSource}).
     * Blocks for at most about the connect timeout plus one query timeout.
     *
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE}, {@code TIMEOUT}, or
     *                         {@code UNSUPPORTED} when no adapter serves the server or the type is unknown
     */
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        SourceType type = types.find(spec.type()).orElseThrow(() -> new SourceException(SourceException.Kind.UNSUPPORTED,
                SourceText.of("failure.noAdapter", spec.type())));
        return spec.sshTunnel().isPresent() ? TunneledSessionSource.open(spec, type) : type.open(spec);
    }

    /**
     * The SSH host key a data source opened through a tunnel trusted (to save an accepted one with the
     * data source); empty for a direct one.
     */
    public static Optional<dev.sessiondeck.core.ssh.SshHostKey> sshHostKey(SessionSource source) {
        return source instanceof TunneledSessionSource t ? Optional.of(t.hostKey()) : Optional.empty();
    }

    /**
     * Tests the data source's settings: the SSH hop (when it has a tunnel) and the database server
     * one after the other, so that the answer says which failed. Blocks for at most about twice the
     * connect timeout plus one query timeout; never throws for a failure, which is in the result.
     */
    public ConnectionCheck check(ConnectionSpec spec) {
        Optional<SourceType> type = types.find(spec.type());
        if (type.isEmpty()) {
            return new ConnectionCheck(ConnectionCheck.Step.NOT_USED, ConnectionCheck.Step.failed(new SourceException(
                    SourceException.Kind.UNSUPPORTED, SourceText.of("failure.noAdapter", spec.type()))),
                    Optional.empty(), Optional.empty());
        }
        return ConnectionCheck.run(type.get(), spec);
    }
}
