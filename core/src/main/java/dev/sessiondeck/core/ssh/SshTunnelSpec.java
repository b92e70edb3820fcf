package dev.sessiondeck.core.ssh;

import dev.sessiondeck.core.model.InvalidValueException;
import dev.sessiondeck.core.model.Text;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSH tunnel in front of a data source: the bastion (host, port, user), how to log in, which
 * {@code known_hosts} to check and the host key saved with the data source. Immutable; validated
 * once, at construction, with an {@link IllegalArgumentException} that names the field.
 *
 * <p>The secret (the key's passphrase or the password) is kept as a {@code char[]} copy and never
 * appears in {@link #toString()}; profiles keep it in the keychain.
 */
public final class SshTunnelSpec {

    /** The words of a refused setting. */
    static final String BUNDLE = "dev.sessiondeck.core.ssh.messages";

    public static final int DEFAULT_PORT = 22;

    private final String host;
    private final int port;
    private final String user;
    private final SshAuth auth;
    private final String keyFile;
    private final char[] secret;
    private final String knownHosts;
    private final String agentSocket;
    private final SshHostKey hostKey;
    private final boolean acceptNewHostKey;

    private SshTunnelSpec(Builder b) {
        String h = require(b.host, "host");
        this.host = h.length() > 2 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%')) {
            throw invalid("host.form", host);
        }
        this.port = b.port == null ? DEFAULT_PORT : b.port;
        if (port < 1 || port > 65535) {
            throw invalid("port.range", String.valueOf(port));
        }
        this.user = require(b.user, "user");
        this.auth = b.auth == null ? (b.keyFile == null || b.keyFile.isBlank() ? SshAuth.AGENT : SshAuth.KEY) : b.auth;
        this.keyFile = b.keyFile == null ? "" : b.keyFile.strip();
        if (auth == SshAuth.KEY && keyFile.isEmpty()) {
            throw invalid("keyFile.required");
        }
        this.secret = b.secret == null ? new char[0] : b.secret.clone();
        this.knownHosts = b.knownHosts == null ? "" : b.knownHosts.strip();
        this.agentSocket = b.agentSocket == null ? "" : b.agentSocket.strip();
        this.hostKey = b.hostKey;
        this.acceptNewHostKey = b.acceptNewHostKey;
    }

    /** A refused setting, in the words of {@code key} in this package's bundle. */
    private static InvalidValueException invalid(String key, Object... args) {
        return new InvalidValueException(Text.of(BUNDLE, key).with(args));
    }

    /** @param field the setting: its keys {@code field + ".required"} and {@code field + ".whiteSpace"} word a problem */
    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field + ".required");
        }
        if (value.strip().chars().anyMatch(Character::isWhitespace)) {
            throw invalid(field + ".whiteSpace", value.strip());
        }
        return value.strip();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder from {@code USER@HOST[:PORT]} (an IPv6 address in brackets: {@code me@[::1]:2222}),
     * as {@code ssh} and {@code --ssh} take it.
     *
     * @throws IllegalArgumentException when it is not of that form
     */
    public static Builder parseTarget(String target) {
        String t = target == null ? "" : target.strip();
        int at = t.lastIndexOf('@');
        if (at <= 0 || at == t.length() - 1) {
            throw new IllegalArgumentException("--ssh takes USER@HOST[:PORT], not '" + target + "'");
        }
        Builder b = builder().user(t.substring(0, at));
        String hostPort = t.substring(at + 1);
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--ssh: unclosed '[' in '" + target + "'");
            }
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("--ssh takes USER@HOST[:PORT], not '" + target + "'");
                }
                port = hostPort.substring(close + 2);
            }
        } else if (hostPort.indexOf(':') >= 0 && hostPort.indexOf(':') == hostPort.lastIndexOf(':')) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = hostPort.substring(hostPort.indexOf(':') + 1);
        }
        b.host(host);
        if (port != null) {
            try {
                b.port(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ssh: the port must be a number, not '" + port + "'");
            }
        }
        return b;
    }

    /** The bastion's host name or address. */
    public String host() { return host; }
    /** The bastion's SSH port, {@value #DEFAULT_PORT} by default. */
    public int port() { return port; }
    /** The user on the bastion. */
    public String user() { return user; }
    public SshAuth auth() { return auth; }
    /** The private key file for {@link SshAuth#KEY}; empty otherwise. */
    public Optional<String> keyFile() { return keyFile.isEmpty() ? Optional.empty() : Optional.of(keyFile); }
    /** A copy of the key's passphrase ({@link SshAuth#KEY}) or the password ({@link SshAuth#PASSWORD}); empty when none. */
    public char[] secret() { return secret.clone(); }
    /** True when a passphrase or password was given. */
    public boolean hasSecret() { return secret.length > 0; }
    /** The known_hosts file given; empty for the user's {@code ~/.ssh/known_hosts}. */
    public Optional<String> knownHosts() { return knownHosts.isEmpty() ? Optional.empty() : Optional.of(knownHosts); }
    /** The known_hosts file to read: the one given, else {@code ~/.ssh/known_hosts}. */
    public Path knownHostsFile() {
        return knownHosts.isEmpty() ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts") : Path.of(knownHosts);
    }
    /**
     * The SSH agent's socket for {@link SshAuth#AGENT} (ssh_config's {@code IdentityAgent}); empty for
     * the one {@code SSH_AUTH_SOCK} names.
     */
    public Optional<String> agentSocket() { return agentSocket.isEmpty() ? Optional.empty() : Optional.of(agentSocket); }
    /** The host key saved with the data source, which the bastion must present. */
    public Optional<SshHostKey> hostKey() { return Optional.ofNullable(hostKey); }
    /** True when a host key neither known_hosts nor the saved key knows is to be trusted (once, by the user). */
    public boolean acceptNewHostKey() { return acceptNewHostKey; }

    /** "user@host:port", without secrets; safe for logs and messages. */
    public String describe() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public Builder toBuilder() {
        return builder().host(host).port(port).user(user).auth(auth).keyFile(keyFile).secret(secret)
                .knownHosts(knownHosts).agentSocket(agentSocket).hostKey(hostKey).acceptNewHostKey(acceptNewHostKey);
    }

    /** Same settings and secret; compares everything but the one-time {@link #acceptNewHostKey()}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SshTunnelSpec s && s.host.equals(host) && s.port == port && s.user.equals(user)
                && s.auth == auth && s.keyFile.equals(keyFile) && Arrays.equals(s.secret, secret)
                && s.knownHosts.equals(knownHosts) && s.agentSocket.equals(agentSocket) && Objects.equals(s.hostKey, hostKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, user, auth, keyFile, knownHosts, hostKey);
    }

    @Override
    public String toString() {
        return "SshTunnelSpec[" + describe() + ", " + auth + (keyFile.isEmpty() ? "" : " " + keyFile)
                + (hostKey == null ? "" : ", " + hostKey) + "]";
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private String host;
        private Integer port;
        private String user;
        private SshAuth auth;
        private String keyFile;
        private char[] secret;
        private String knownHosts;
        private String agentSocket;
        private SshHostKey hostKey;
        private boolean acceptNewHostKey;

        private Builder() {
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder user(String v) { user = v; return this; }
        /** How to log in; when not set, {@link SshAuth#KEY} with a key file, else {@link SshAuth#AGENT}. */
        public Builder auth(SshAuth v) { auth = v; return this; }
        public Builder keyFile(String v) { keyFile = v; return this; }
        /** Takes a copy of the passphrase or password. */
        public Builder secret(char[] v) {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            secret = v == null ? null : v.clone();
            return this;
        }
        public Builder knownHosts(String v) { knownHosts = v; return this; }
        public Builder agentSocket(String v) { agentSocket = v; return this; }
        public Builder hostKey(SshHostKey v) { hostKey = v; return this; }
        public Builder acceptNewHostKey(boolean v) { acceptNewHostKey = v; return this; }

        /** @throws IllegalArgumentException naming the field that is missing or out of bounds */
        public SshTunnelSpec build() {
            return new SshTunnelSpec(this);
        }
    }
}
