package dev.sessiondeck.core.source;

import dev.sessiondeck.core.ssh.SshException;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnel;
import java.util.Objects;
import java.util.Optional;

/**
 * What "Test" found: the SSH hop and the database server checked one after the other, so that the
 * user is told which of them failed ({@link SessionSources#check(ConnectionSpec)}).
 *
 * @param ssh      the SSH hop; {@link Status#NOT_USED} without a tunnel
 * @param database the database server (through the tunnel when there is one); {@link Status#SKIPPED}
 *                 when the SSH hop failed
 * @param hostKey  the SSH server's host key that was trusted, or the one it presented when refused
 * @param server   what the server said it is ("MariaDB 11.4.5"), when the database step passed
 */
public record ConnectionCheck(Step ssh, Step database, Optional<SshHostKey> hostKey, Optional<String> server) {

    public ConnectionCheck {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(server, "server");
    }

    /** How a step went. */
    public enum Status { PASSED, FAILED, SKIPPED, NOT_USED }

    /** One step: its status and, when it failed, why. */
    public record Step(Status status, Optional<SourceException> failure) {
        static final Step PASSED = new Step(Status.PASSED, Optional.empty());
        static final Step SKIPPED = new Step(Status.SKIPPED, Optional.empty());
        static final Step NOT_USED = new Step(Status.NOT_USED, Optional.empty());

        static Step failed(SourceException e) {
            return new Step(Status.FAILED, Optional.of(e));
        }
    }

    /** True when every step that ran passed. */
    public boolean passed() {
        return ssh.status() != Status.FAILED && database.status() == Status.PASSED;
    }

    /**
     * Runs the check: opens the tunnel (the SSH hop: TCP, host key, login), asks the SSH server to
     * connect to the database server, then opens the data source through it; closes everything after.
     */
    static ConnectionCheck run(SourceType type, ConnectionSpec spec) {
        if (spec.sshTunnel().isEmpty()) {
            try (SessionSource source = type.open(spec)) {
                return new ConnectionCheck(Step.NOT_USED, Step.PASSED, Optional.empty(), Optional.of(source.describe()));
            } catch (SourceException e) {
                return new ConnectionCheck(Step.NOT_USED, Step.failed(e), Optional.empty(), Optional.empty());
            }
        }
        SshTunnel tunnel;
        try {
            tunnel = TunneledSessionSource.openTunnel(spec);
        } catch (SourceException e) {
            return new ConnectionCheck(Step.failed(e), Step.SKIPPED, e.presentedHostKey(), Optional.empty());
        }
        try (tunnel) {
            Optional<SshHostKey> key = Optional.of(tunnel.hostKey());
            try {
                tunnel.checkForward();
            } catch (SshException e) {
                SourceException failure = TunneledSessionSource.translate(e, spec);
                return e.kind() == SshException.Kind.FORWARD_REFUSED
                        ? new ConnectionCheck(Step.PASSED, Step.failed(failure), key, Optional.empty())
                        : new ConnectionCheck(Step.failed(failure), Step.SKIPPED, key, Optional.empty());
            }
            ConnectionSpec local = spec.toBuilder().host(tunnel.localHost()).port(tunnel.localPort()).sshTunnel(null).build();
            try (SessionSource source = type.open(local)) {
                return new ConnectionCheck(Step.PASSED, Step.PASSED, key, Optional.of(source.describe()));
            } catch (SourceException e) {
                return new ConnectionCheck(Step.PASSED, Step.failed(TunneledSessionSource.reword(e, spec, tunnel)), key,
                        Optional.empty());
            }
        }
    }
}
