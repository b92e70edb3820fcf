package dev.sessiondeck.core.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import com.jcraft.jsch.UserInfo;
import dev.sessiondeck.core.model.Text;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local port forward through an SSH server (a bastion) to a database server, made with JSch: a
 * listening socket on the loopback address at a port the system chooses, and for every connection
 * accepted there a {@code direct-tcpip} channel (RFC 4254 section 7.2) over one SSH connection to
 * the target host and port, as the bastion resolves them.
 *
 * <p>The SSH connection is opened with the tunnel, so that a wrong key, password or host key is
 * reported by {@link #open}; it sends keep-alives every {@link #KEEP_ALIVE} and gives up after
 * {@link #KEEP_ALIVE_MISSES} unanswered ones; when it is lost, the next forwarded connection opens a
 * new one with the same checks, including that the host key is the one accepted first. Every step
 * (TCP connect, key exchange, login, opening a channel) is bounded by the connect timeout. The
 * host key is checked by {@link HostKeyVerdict}: against {@code known_hosts} (never written) and
 * the key saved with the data source.
 *
 * <p>Thread-safe. {@link #close()} stops listening, closes every forwarded connection and the SSH
 * connection.
 */
public final class SshTunnel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshTunnel.class);

    /** How often a keep-alive is sent while the SSH connection is idle. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Unanswered keep-alives after which the SSH connection is taken for lost. */
    public static final int KEEP_ALIVE_MISSES = 3;

    /** Disconnects an SSH login that outlives the connect timeout; a daemon. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessiondeck-ssh-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Opens the channels of accepted connections (which may have to log in again first); daemons. */
    private static final ExecutorService FORWARDERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sessiondeck-ssh-forward-" + Counter.NEXT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final class Counter {
        static final AtomicInteger NEXT = new AtomicInteger();
    }

    private final SshTunnelSpec ssh;
    private final String targetHost;
    private final int targetPort;
    private final Duration connectTimeout;
    private final ServerSocket listener;
    private final Set<Socket> forwarded = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    /** Written under {@link #lock}; read without it by {@link #problem()}, which must not wait for a login. */
    private volatile Session session;
    /** The key accepted when the tunnel opened: a new login must find it again. */
    private volatile SshHostKey hostKey;
    /** Why the SSH hop failed last; null while it works. */
    private volatile SshException problem;
    private volatile boolean closed;

    private SshTunnel(SshTunnelSpec ssh, String targetHost, int targetPort, Duration connectTimeout) throws IOException {
        this.ssh = ssh;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.connectTimeout = connectTimeout;
        // loopback only, port chosen by the system
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * Logs in to the SSH server and starts listening.
     *
     * @param ssh            the bastion and how to log in
     * @param targetHost     the database server as the bastion reaches it
     * @param targetPort     its port
     * @param connectTimeout the bound of every step (TCP connect, key exchange, login, channel open)
     * @throws SshException  when the SSH hop fails: unreachable, timeout, authentication, credentials,
     *                       an unknown or changed host key
     */
    public static SshTunnel open(SshTunnelSpec ssh, String targetHost, int targetPort, Duration connectTimeout)
            throws SshException {
        SshTunnel tunnel;
        try {
            tunnel = new SshTunnel(ssh, targetHost, targetPort, connectTimeout);
        } catch (IOException e) {
            throw new SshException(SshException.Kind.UNREACHABLE, words("reason.noLoopback"),
                    words("noLoopback", String.valueOf(e.getMessage())), null, e);
        }
        try {
            synchronized (tunnel.lock) {
                tunnel.session = tunnel.login();
            }
        } catch (SshException e) {
            tunnel.close();
            throw e;
        }
        Thread acceptor = new Thread(tunnel::acceptLoop, "sessiondeck-ssh-tunnel-" + tunnel.localPort());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("SSH tunnel 127.0.0.1:{} -> {} -> {}:{} open (host key {})", tunnel.localPort(), ssh.describe(),
                targetHost, targetPort, tunnel.hostKey);
        return tunnel;
    }

    /**
     * True when the private key file is protected by a passphrase; false when it is not, or cannot be
     * read (logging in says why). Reads the local file only.
     */
    public static boolean keyFileEncrypted(String file) {
        try {
            KeyPair pair = KeyPair.load(new JSch(), file);
            try {
                return pair.isEncrypted();
            } finally {
                pair.dispose();
            }
        } catch (JSchException | RuntimeException e) {
            return false;
        }
    }

    /** The loopback address the tunnel listens on. */
    public String localHost() {
        return listener.getInetAddress().getHostAddress();
    }

    /** The port the tunnel listens on, chosen by the system. */
    public int localPort() {
        return listener.getLocalPort();
    }

    /** The host key the bastion presented and that was trusted. */
    public SshHostKey hostKey() {
        return hostKey;
    }

    /** The bastion, "user@host:port". */
    public String describe() {
        return ssh.describe();
    }

    /**
     * Why the SSH hop does not work now: the last failure to log in again or to forward, or the
     * connection found lost; empty while it works.
     */
    public Optional<SshException> problem() {
        SshException p = problem;
        if (p != null) {
            return Optional.of(p);
        }
        Session s = session;
        if (!closed && (s == null || !s.isConnected())) {
            return Optional.of(new SshException(SshException.Kind.UNREACHABLE, words("reason.lost"),
                    words("lost", ssh.describe()), null, null));
        }
        return Optional.empty();
    }

    /**
     * Checks that the bastion can reach the target: opens one forwarded channel and closes it.
     *
     * @throws SshException {@code FORWARD_REFUSED} when the bastion cannot connect to the target, or
     *                      the SSH hop's own failure
     */
    public void checkForward() throws SshException {
        ChannelDirectTCPIP channel = openChannel(liveSession(), null);
        channel.disconnect();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("SSH tunnel to {}:{} stopped listening: {}", targetHost, targetPort, e.getMessage());
                }
                return;
            }
            forwarded.removeIf(Socket::isClosed);
            forwarded.add(socket);
            FORWARDERS.execute(() -> forward(socket));
        }
    }

    private void forward(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            ChannelDirectTCPIP channel = openChannel(liveSession(), socket);
            LOG.debug("SSH tunnel: channel {} for 127.0.0.1:{}", channel.getId(), socket.getPort());
        } catch (SshException e) {
            LOG.info("SSH tunnel to {}:{} through {}: {}", targetHost, targetPort, ssh.describe(), e.getMessage());
            closeQuietly(socket);
        } catch (IOException e) {
            // the client's socket failed before its channel opened (it went away meanwhile)
            LOG.debug("SSH tunnel to {}:{}: the forwarded connection from 127.0.0.1:{} failed: {}", targetHost,
                    targetPort, socket.getPort(), e.getMessage());
            closeQuietly(socket);
        }
    }

    /** Opens a direct-tcpip channel to the target whose streams are the accepted socket's (when given). */
    private ChannelDirectTCPIP openChannel(Session s, Socket socket) throws SshException {
        ChannelDirectTCPIP channel = null;
        try {
            channel = (ChannelDirectTCPIP) s.openChannel("direct-tcpip");
            channel.setHost(targetHost);
            channel.setPort(targetPort);
            channel.setOrgIPAddress("127.0.0.1");
            if (socket != null) {
                channel.setOrgPort(socket.getPort());
                // the channel closes the socket's streams (and so the socket) when it ends, and ends
                // when the client closes the socket
                channel.setInputStream(socket.getInputStream());
                channel.setOutputStream(socket.getOutputStream());
            }
            channel.connect(timeoutMillis());
            return channel;
        } catch (JSchException | IOException e) {
            if (channel != null) {
                // a channel that did not open is not left in the session's list
                channel.disconnect();
            }
            if (!s.isConnected()) {
                SshException lost = new SshException(SshException.Kind.UNREACHABLE, words("reason.lost"),
                        words("lost", ssh.describe()), null, e);
                problem = lost;
                throw lost;
            }
            // the SSH server is there but did not open the connection to the database server: the
            // database side is down or not reachable from the bastion (not an SSH failure)
            throw new SshException(SshException.Kind.FORWARD_REFUSED, words("reason.forwardRefused"),
                    words("forwardRefused", ssh.describe(), targetHost + ":" + targetPort, String.valueOf(e.getMessage())), null, e);
        }
    }

    /** The SSH connection, logging in again when it was lost. */
    private Session liveSession() throws SshException {
        synchronized (lock) {
            if (closed) {
                throw new SshException(SshException.Kind.UNREACHABLE, words("reason.closed"), words("closed"), null, null);
            }
            if (session != null && session.isConnected()) {
                return session;
            }
            if (session != null) {
                session.disconnect();
                LOG.info("SSH connection to {} was lost; logging in again", ssh.describe());
            }
            session = null;
            try {
                session = login();
                problem = null;
                return session;
            } catch (SshException e) {
                problem = e;
                throw e;
            }
        }
    }

    /**
     * AES-GCM first: one pass over the data with the JDK's AES and GHASH intrinsics, where JSch's
     * default AES-CTR adds an HMAC pass; a listing of 1,000 sessions is about 200 KB through it.
     */
    static final String CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
            + "chacha20-poly1305@openssh.com";

    /** One login: TCP connect, key exchange, host key check, authentication; bounded by the connect timeout. */
    private Session login() throws SshException {
        JSch jsch = new JSch();
        Verifier verifier = new Verifier(knownHosts(), Optional.ofNullable(hostKey).or(ssh::hostKey),
                hostKey == null && ssh.acceptNewHostKey());
        Session s;
        try {
            credentials(jsch);
            s = jsch.getSession(ssh.user(), ssh.host(), ssh.port());
            s.setHostKeyRepository(verifier);
            s.setSocketFactory(new QuickAckSockets(timeoutMillis()));
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("cipher.s2c", CIPHERS);
            s.setConfig("cipher.c2s", CIPHERS);
            s.setConfig("PreferredAuthentications", ssh.auth() == SshAuth.PASSWORD ? "password,keyboard-interactive" : "publickey");
            verifier.expected.ifPresent(k -> preferHostKeyType(s, k.type()));
            if (ssh.auth() == SshAuth.PASSWORD) {
                char[] secret = ssh.secret();
                byte[] bytes = new String(secret).getBytes(StandardCharsets.UTF_8);
                Arrays.fill(secret, '\0');
                s.setPassword(bytes);
                // a server asking keyboard-interactive for the password gets the same one
                s.setUserInfo(new PasswordOnly(bytes));
            }
            s.setServerAliveInterval((int) KEEP_ALIVE.toMillis());
            s.setServerAliveCountMax(KEEP_ALIVE_MISSES);
            s.setDaemonThread(true);
        } catch (JSchException e) {
            throw new SshException(SshException.Kind.CREDENTIALS, words("reason.credentials"),
                    words("credentials", ssh.describe(), String.valueOf(e.getMessage())), null, e);
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            fired.set(true);
            s.disconnect();
        }, timeoutMillis() + 500, TimeUnit.MILLISECONDS);
        try {
            s.connect(timeoutMillis());
        } catch (JSchException e) {
            s.disconnect();
            throw translate(e, verifier, fired.get());
        } finally {
            dog.cancel(false);
        }
        if (fired.get()) {
            s.disconnect();
            throw timeout(null);
        }
        hostKey = verifier.presented;
        return s;
    }

    /** Asks the server for the saved key's type first, so that it presents the key that was saved. */
    private static void preferHostKeyType(Session s, String type) {
        String all = s.getConfig("server_host_key");
        if (all == null) {
            return;
        }
        StringBuilder ordered = new StringBuilder();
        for (String alg : all.split(",")) {
            if (keyTypeOf(alg).equals(type)) {
                ordered.append(ordered.length() == 0 ? "" : ",").append(alg);
            }
        }
        for (String alg : all.split(",")) {
            if (!keyTypeOf(alg).equals(type)) {
                ordered.append(ordered.length() == 0 ? "" : ",").append(alg);
            }
        }
        s.setConfig("server_host_key", ordered.toString());
    }

    /** The key type of a host key algorithm: RSA keys sign with rsa-sha2-256/512 but are ssh-rsa keys. */
    private static String keyTypeOf(String algorithm) {
        return algorithm.startsWith("rsa-sha2-") ? "ssh-rsa" : algorithm;
    }

    private void credentials(JSch jsch) throws JSchException {
        switch (ssh.auth()) {
            case KEY -> {
                String file = ssh.keyFile().orElseThrow();
                if (!Files.isReadable(Path.of(file))) {
                    throw new JSchException("the key file " + file + " cannot be read");
                }
                KeyPair pair = KeyPair.load(jsch, file);
                char[] secret = ssh.secret();
                byte[] passphrase = secret.length == 0 ? null : new String(secret).getBytes(StandardCharsets.UTF_8);
                Arrays.fill(secret, '\0');
                try {
                    if (pair.isEncrypted() && passphrase == null) {
                        throw new JSchException("the key file " + file + " is protected by a passphrase; give it");
                    }
                    if (pair.isEncrypted() && !pair.decrypt(passphrase)) {
                        throw new JSchException("the passphrase does not open the key file " + file);
                    }
                } finally {
                    pair.dispose();
                }
                jsch.addIdentity(file, passphrase);
                if (passphrase != null) {
                    Arrays.fill(passphrase, (byte) 0);
                }
            }
            case AGENT -> {
                String socket = ssh.agentSocket().orElse(System.getenv("SSH_AUTH_SOCK"));
                if (socket == null || socket.isBlank()) {
                    throw new JSchException("no SSH agent is running (SSH_AUTH_SOCK is not set)");
                }
                try {
                    jsch.setIdentityRepository(new AgentIdentityRepository(
                            new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(socket))));
                } catch (AgentProxyException e) {
                    throw new JSchException("cannot reach the SSH agent at " + socket + ": " + e.getMessage(), e);
                }
            }
            case PASSWORD -> {
                // set on the session
            }
        }
    }

    /** The user's known_hosts as JSch reads it (hashed names included); empty when there is no file. */
    private HostKeyRepository knownHosts() throws SshException {
        JSch reader = new JSch();
        Path file = ssh.knownHostsFile();
        if (Files.isRegularFile(file)) {
            try {
                reader.setKnownHosts(file.toString());
            } catch (JSchException e) {
                throw new SshException(SshException.Kind.CREDENTIALS, words("reason.knownHosts"),
                        words("knownHosts", file.toString(), String.valueOf(e.getMessage())), null, e);
            }
        }
        return reader.getHostKeyRepository();
    }

    private SshException translate(JSchException e, Verifier verifier, boolean timedOut) {
        String where = ssh.describe();
        if (verifier.verdict == HostKeyVerdict.UNKNOWN) {
            return new SshException(SshException.Kind.HOST_KEY_UNKNOWN, words("reason.unknownHostKey"),
                    words("hostKey.unknown", where, String.valueOf(ssh.knownHostsFile()), String.valueOf(verifier.presented)),
                    verifier.presented, e);
        }
        if (verifier.verdict == HostKeyVerdict.CHANGED) {
            Text was = verifier.expected.map(k -> words("hostKey.heldByDataSource", String.valueOf(k)))
                    .orElse(words("hostKey.heldByFile", String.valueOf(ssh.knownHostsFile())));
            return new SshException(SshException.Kind.HOST_KEY_CHANGED, words("reason.hostKeyChanged"),
                    words("hostKey.changed", where, was, String.valueOf(verifier.presented)), verifier.presented, e);
        }
        if (timedOut) {
            return timeout(e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return new SshException(SshException.Kind.UNREACHABLE, words("reason.unknownHost", ssh.host()),
                        words("connect.unknownHost", where, ssh.host()), null, e);
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                return new SshException(SshException.Kind.UNREACHABLE, words("reason.refused"),
                        words("connect.refused", where, String.valueOf(c.getMessage())), null, e);
            }
            if (c instanceof SocketTimeoutException) {
                return timeout(e);
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("auth fail") || lower.startsWith("auth cancel") || lower.contains("userauth fail")) {
            Text refused = switch (ssh.auth()) {
                case KEY -> words("login.key", where, ssh.user(), ssh.keyFile().orElse(""));
                case AGENT -> words("login.agent", where, ssh.user());
                case PASSWORD -> words("login.password", where, ssh.user());
            };
            return new SshException(SshException.Kind.AUTHENTICATION, words("reason.loginRefused"), refused, null, e);
        }
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return timeout(e);
        }
        return new SshException(SshException.Kind.UNREACHABLE, message.isEmpty() ? words("reason.failed") : Text.verbatim(message),
                words("connect.failed", where, message), null, e);
    }

    private SshException timeout(Throwable cause) {
        return new SshException(SshException.Kind.TIMEOUT, words("reason.noAnswer", seconds()),
                words("timeout", ssh.describe(), seconds()), null, cause);
    }

    /** The words of {@code key} in this package's bundle. */
    private static Text words(String key, Object... args) {
        return Text.of(SshTunnelSpec.BUNDLE, key).with(args);
    }

    private String seconds() {
        return connectTimeout.toMillis() % 1000 == 0 ? connectTimeout.toSeconds() + " s" : connectTimeout.toMillis() + " ms";
    }

    private int timeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing is all there is to do
        }
    }

    /** Whether the local port is still open; for the tests, which cannot tell by connecting (the port may be reused). */
    boolean listening() {
        return !listener.isClosed();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // it stops listening either way
        }
        forwarded.forEach(SshTunnel::closeQuietly);
        forwarded.clear();
        synchronized (lock) {
            if (session != null) {
                session.disconnect();
                session = null;
            }
        }
    }

    @Override
    public String toString() {
        return "SshTunnel[127.0.0.1:" + localPort() + " -> " + ssh.describe() + " -> " + targetHost + ":" + targetPort + "]";
    }

    /**
     * The host key check of one login: asks known_hosts, compares with the expected key, and keeps
     * what it decided so that a refusal can be worded with the presented fingerprint.
     */
    private static final class Verifier implements HostKeyRepository {
        private final HostKeyRepository knownHosts;
        private final Optional<SshHostKey> expected;
        private final boolean acceptNew;
        private volatile SshHostKey presented;
        private volatile HostKeyVerdict verdict;

        Verifier(HostKeyRepository knownHosts, Optional<SshHostKey> expected, boolean acceptNew) {
            this.knownHosts = knownHosts;
            this.expected = expected;
            this.acceptNew = acceptNew;
        }

        @Override
        public int check(String host, byte[] key) {
            SshHostKey k = SshHostKey.of(key);
            HostKeyVerdict.KnownHosts kh = switch (knownHosts.check(host, key)) {
                case HostKeyRepository.OK -> HostKeyVerdict.KnownHosts.MATCH;
                case HostKeyRepository.CHANGED -> HostKeyVerdict.KnownHosts.MISMATCH;
                default -> HostKeyVerdict.KnownHosts.ABSENT;
            };
            presented = k;
            verdict = HostKeyVerdict.decide(k, kh, expected, acceptNew);
            LOG.debug("SSH host key of {}: {} (known_hosts: {}) -> {}", host, k, kh, verdict);
            return switch (verdict) {
                case TRUSTED -> HostKeyRepository.OK;
                case UNKNOWN -> HostKeyRepository.NOT_INCLUDED;
                case CHANGED -> HostKeyRepository.CHANGED;
            };
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // never written: the accepted key is saved with the data source, not in known_hosts
        }

        @Override
        public void remove(String host, String type) {
            // known_hosts is the user's; SessionDeck does not change it
        }

        @Override
        public void remove(String host, String type, byte[] key) {
            // as above
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return knownHosts.getKnownHostsRepositoryID();
        }

        @Override
        public HostKey[] getHostKey() {
            return knownHosts.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return knownHosts.getHostKey(host, type);
        }
    }

    /**
     * Answers a keyboard-interactive password prompt with the password, once; nothing else. (JSch asks
     * again after a refusal; answering again with the same password only uses up the server's tries.)
     */
    private static final class PasswordOnly implements UserInfo, com.jcraft.jsch.UIKeyboardInteractive {
        private final byte[] password;
        private final AtomicInteger asked = new AtomicInteger();

        PasswordOnly(byte[] password) {
            this.password = password;
        }

        @Override public String getPassphrase() { return null; }
        @Override public String getPassword() { return new String(password, StandardCharsets.UTF_8); }
        @Override public boolean promptPassword(String message) { return false; }
        @Override public boolean promptPassphrase(String message) { return false; }
        @Override public boolean promptYesNo(String message) { return false; }
        @Override public void showMessage(String message) { }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt,
                                                  boolean[] echo) {
            return prompt.length == 1 && !echo[0] && asked.incrementAndGet() == 1 ? new String[]{getPassword()} : null;
        }
    }
}
