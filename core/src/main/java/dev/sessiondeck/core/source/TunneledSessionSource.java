package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.ssh.SshException;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data source reached through its SSH tunnel ({@link ConnectionSpec#sshTunnel()}): the tunnel is
 * opened first (so that the SSH hop's failures are told apart from the database's), the data source's
 * own type then opens it at the tunnel's loopback port, and closing the source closes the tunnel.
 * Every connection of the source's pool goes through the one SSH connection; after a drop the next
 * one logs in again ({@link SshTunnel}).
 *
 * <p>A failure to reach the server while the SSH hop is down comes out as {@code UNREACHABLE} with
 * the words "unreachable (SSH: reason)", so that a dead tunnel is not taken for a database that is
 * down. Sessions and kills are the type's own: SessionDeck's own connections are still recognised by
 * the server-side ids recorded when they are borrowed ({@link OwnSessions}), which do not depend on
 * the client address (through a tunnel every connection comes from the bastion).
 */
final class TunneledSessionSource implements SessionSource {

    /** How long a failed call waits for the SSH connection to be seen lost, when it ended with it. */
    private static final long SETTLE_MILLIS = 500;

    private final SessionSource source;
    private final SshTunnel tunnel;
    private final ConnectionSpec spec;
    private final String local;

    private TunneledSessionSource(SessionSource source, SshTunnel tunnel, ConnectionSpec spec) {
        this.source = source;
        this.tunnel = tunnel;
        this.spec = spec;
        this.local = tunnel.localHost() + ":" + tunnel.localPort();
    }

    /**
     * Opens the tunnel, then the data source through it.
     *
     * @throws SourceException {@code HOST_KEY} for an unknown or changed host key (with the presented
     *                         key), {@code AUTHENTICATION} when the SSH login is refused,
     *                         {@code UNREACHABLE} or {@code TIMEOUT} for the SSH hop, or the data
     *                         source's own failure
     */
    static SessionSource open(ConnectionSpec spec, SourceType type) throws SourceException {
        SshTunnel tunnel = openTunnel(spec);
        try {
            ConnectionSpec local = spec.toBuilder().host(tunnel.localHost()).port(tunnel.localPort()).sshTunnel(null).build();
            return new TunneledSessionSource(type.open(local), tunnel, spec);
        } catch (SourceException e) {
            SourceException worded = reword(e, spec, tunnel);
            tunnel.close();
            throw worded;
        } catch (RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    /**
     * Opens the data source's tunnel alone.
     *
     * @throws SourceException as {@link #open}, for the SSH hop
     */
    static SshTunnel openTunnel(ConnectionSpec spec) throws SourceException {
        try {
            return SshTunnel.open(spec.sshTunnel().orElseThrow(), spec.host(), spec.port(), spec.connectTimeout());
        } catch (SshException e) {
            throw translate(e, spec);
        }
    }

    /** The SSH hop's failure as the data source's. */
    static SourceException translate(SshException e, ConnectionSpec spec) {
        String name = spec.name();
        return switch (e.kind()) {
            case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> new SourceException(SourceException.Kind.HOST_KEY, e.text(), e);
            case AUTHENTICATION, CREDENTIALS -> new SourceException(SourceException.Kind.AUTHENTICATION,
                    SourceText.of("failure.sshLogin", e.text()), e);
            case TIMEOUT -> new SourceException(SourceException.Kind.TIMEOUT,
                    SourceText.of("failure.sshUnreachable", name, e.reasonText(), e.text()), e);
            case UNREACHABLE -> new SourceException(SourceException.Kind.UNREACHABLE,
                    SourceText.of("failure.sshUnreachable", name, e.reasonText(), e.text()), e);
            case FORWARD_REFUSED -> new SourceException(SourceException.Kind.UNREACHABLE,
                    SourceText.of("failure.forwardRefused", spec.host() + ":" + spec.port(), e.text()), e);
        };
    }

    /**
     * A failure of the data source behind the tunnel: "unreachable (SSH: ...)" when the SSH hop is
     * down, else the failure with the tunnel's loopback address replaced by the server's.
     */
    static SourceException reword(SourceException e, ConnectionSpec spec, SshTunnel tunnel) {
        if (e.kind() == SourceException.Kind.UNREACHABLE || e.kind() == SourceException.Kind.TIMEOUT) {
            Optional<SshException> down = settledProblem(tunnel);
            if (down.isPresent()) {
                SourceException ssh = translate(down.get(), spec);
                ssh.addSuppressed(e);
                return ssh;
            }
        }
        String local = tunnel.localHost() + ":" + tunnel.localPort();
        String message = e.getMessage();
        if (!message.contains(local)) {
            return e;
        }
        SourceException worded = new SourceException(e.kind(), e.text().replacing(local, spec.host() + ":" + spec.port()
                + " (SSH " + tunnel.describe() + ")"), e.sqlState().orElse(null), e.vendorCode(), e);
        return worded;
    }

    /**
     * The SSH hop's problem; when there is none yet, looks again for a moment: a call that ended
     * because the SSH connection dropped may see its end before the SSH client marks it lost.
     */
    private static Optional<SshException> settledProblem(SshTunnel tunnel) {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        Optional<SshException> p = tunnel.problem();
        while (p.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            p = tunnel.problem();
        }
        return p;
    }

    /** The host key the bastion presented and that was trusted, to save with the data source. */
    SshHostKey hostKey() {
        return tunnel.hostKey();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String describe() {
        return source.describe().replace(local, spec.host() + ":" + spec.port()) + " through SSH " + tunnel.describe();
    }

    @Override
    public List<Attribute<?>> attributes() {
        return source.attributes();
    }

    @Override
    public List<Attribute<?>> commonAttributes() {
        return source.commonAttributes();
    }

    @Override
    public Snapshot snapshot() throws SourceException {
        return snapshot(SnapshotScope.ALL);
    }

    @Override
    public Snapshot snapshot(SnapshotScope scope) throws SourceException {
        try {
            return source.snapshot(scope);
        } catch (SourceException e) {
            throw reword(e, spec, tunnel);
        }
    }

    @Override
    public Optional<Text> limitation() {
        return source.limitation();
    }

    @Override
    public Optional<Text> blockingUnknown() {
        return source.blockingUnknown();
    }

    @Override
    public ExecutionPlan plan(SessionKey key) throws SourceException {
        try {
            return source.plan(key);
        } catch (SourceException e) {
            throw reword(e, spec, tunnel);
        }
    }

    @Override
    public Optional<Text> planUnavailable(Session session) {
        return source.planUnavailable(session);
    }

    /** The source's variables, each call's failure worded with the SSH hop like the other calls. */
    @Override
    public Optional<Variables> variables() {
        return source.variables().map(v -> new Variables() {
            @Override
            public List<Variable> list(VariableScope scope) throws SourceException {
                try {
                    return v.list(scope);
                } catch (SourceException e) {
                    throw reword(e, spec, tunnel);
                }
            }

            @Override
            public List<String> important() {
                return v.important();
            }

            @Override
            public Variable set(VariableScope scope, String name, String value) throws SourceException {
                try {
                    return v.set(scope, name, value);
                } catch (SourceException e) {
                    throw reword(e, spec, tunnel);
                }
            }

            @Override
            public List<Variable> ofSession(SessionKey key) throws SourceException {
                try {
                    return v.ofSession(key);
                } catch (SourceException e) {
                    throw reword(e, spec, tunnel);
                }
            }
        });
    }

    @Override
    public Optional<SqlDialect> sqlDialect() {
        return source.sqlDialect();
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        try {
            return source.kill(key, mode);
        } catch (SourceException e) {
            throw reword(e, spec, tunnel);
        }
    }

    @Override
    public List<SessionAction> actions() {
        return source.actions();
    }

    @Override
    public Optional<Text> unavailable(SessionAction action, Session session) {
        return source.unavailable(action, session);
    }

    @Override
    public Map<String, String> parameterDefaults(SessionAction action, Session session) {
        return source.parameterDefaults(action, session);
    }

    @Override
    public Map<String, String> readParameters(SessionAction action, Session session) throws SourceException {
        try {
            return source.readParameters(action, session);
        } catch (SourceException e) {
            throw reword(e, spec, tunnel);
        }
    }

    @Override
    public ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters) throws SourceException {
        try {
            return source.perform(action, key, parameters);
        } catch (SourceException e) {
            throw reword(e, spec, tunnel);
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            tunnel.close();
        }
    }

    @Override
    public String toString() {
        return "TunneledSessionSource[" + source + ", " + tunnel + "]";
    }
}
