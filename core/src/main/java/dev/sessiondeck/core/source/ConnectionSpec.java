package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.InvalidValueException;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how to connect to a data source. Immutable; validated once, at construction, by
 * {@link Builder#build()}, which throws {@link IllegalArgumentException} with a message that names
 * the field and its bound.
 *
 * <p>The password is kept as a {@code char[]} copy, never appears in {@link #toString()} and is
 * never put into a JDBC URL or the extra properties.
 */
public final class ConnectionSpec {

    /** Bounds of the connect timeout; 250 ms is HikariCP's own floor. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
    /** Bounds of the query timeout; JDBC counts it in whole seconds. */
    public static final Duration MIN_QUERY_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_QUERY_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** The type a spec has when none is given: the server tells (MySQL protocol family). */
    public static final String DEFAULT_TYPE = "auto";

    /** Property names that would carry credentials or override what the spec decides. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of("user", "password", "password1", "password2", "password3");

    private final String name;
    private final String type;
    private final String host;
    private final int port;
    private final String user;
    private final char[] password;
    private final String database;
    private final TlsMode tlsMode;
    private final String caFile;
    private final Map<String, String> properties;
    private final Map<String, String> options;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final SshTunnelSpec sshTunnel;

    private ConnectionSpec(Builder b) {
        SourceType sourceType = SourceTypes.installed().require(b.type == null ? DEFAULT_TYPE : b.type);
        this.type = sourceType.id();
        String givenHost = require(b.host, "spec.hostRequired");
        // "[::1]" as typed from a URL is the IPv6 address ::1
        this.host = givenHost.length() > 2 && givenHost.startsWith("[") && givenHost.endsWith("]")
                ? givenHost.substring(1, givenHost.length() - 1) : givenHost;
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("spec.hostWhiteSpace", host);
        }
        // a host name, an IPv4 or an IPv6 address: nothing that a JDBC URL would read as a path,
        // a parameter or a second host (Connector/J reads "(host=...,key=value)" and "h1,h2")
        if (!host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '%')) {
            throw invalid("spec.hostForm", host);
        }
        this.port = b.port == null ? sourceType.defaultPort() : b.port;
        if (port < 1 || port > 65535) {
            throw invalid("spec.portRange", String.valueOf(port));
        }
        boolean userRequired = sourceType.settings().stream().anyMatch(f -> f.id().equals("user") && f.required());
        this.user = userRequired ? require(b.user, "spec.userRequired") : b.user == null ? "" : b.user.strip();
        this.password = b.password == null ? new char[0] : b.password.clone();
        this.database = b.database == null ? "" : b.database.strip();
        this.tlsMode = b.tlsMode == null ? TlsMode.PREFERRED : b.tlsMode;
        this.caFile = b.caFile == null ? "" : b.caFile.strip();
        if ((tlsMode == TlsMode.VERIFY_CA || tlsMode == TlsMode.VERIFY_IDENTITY) && caFile.isEmpty()) {
            throw invalid("spec.caFile", tlsMode.toString());
        }
        Map<String, String> props = new LinkedHashMap<>();
        b.properties.forEach((k, v) -> {
            String key = require(k, "spec.propertyNameRequired");
            if (RESERVED_PROPERTIES.contains(key.toLowerCase(Locale.ROOT))) {
                throw invalid("spec.reservedProperty", key);
            }
            DriverProperties.refusal(sourceType, key).ifPresent(why -> {
                throw new InvalidValueException(why);
            });
            props.put(key, Objects.requireNonNull(v, "value of property " + key));
        });
        this.properties = Map.copyOf(props);
        Map<String, String> opts = new LinkedHashMap<>();
        for (InputField f : sourceType.settings()) {
            if (ConnectionFields.standard(f)) {
                continue;
            }
            String v = b.options.getOrDefault(f.id(), "").strip();
            f.check(v).ifPresent(problem -> {
                throw new InvalidValueException(problem);
            });
            if (!v.isEmpty()) {
                opts.put(f.id(), v);
            }
        }
        for (String k : b.options.keySet()) {
            if (!opts.containsKey(k) && sourceType.settings().stream().noneMatch(f -> f.id().equals(k))) {
                throw invalid("spec.option", k, type);
            }
        }
        this.options = Map.copyOf(opts);
        this.connectTimeout = bounded(b.connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : b.connectTimeout,
                "spec.connectTimeout", MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT);
        this.queryTimeout = bounded(b.queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : b.queryTimeout,
                "spec.queryTimeout", MIN_QUERY_TIMEOUT, MAX_QUERY_TIMEOUT);
        this.name = b.name == null || b.name.isBlank() ? host + ":" + port : b.name.strip();
        this.sshTunnel = b.sshTunnel;
    }

    /** A refused value, in the words of {@code key} in {@link SourceText#BUNDLE}. */
    private static InvalidValueException invalid(String key, Object... args) {
        return new InvalidValueException(SourceText.of(key, args));
    }

    /** @param key the words when it is missing */
    private static String require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw invalid(key);
        }
        return value.strip();
    }

    /** @param key the field's keys' start: {@code key + "Low"} and {@code key + "High"} word a value out of bounds */
    private static Duration bounded(Duration d, String key, Duration min, Duration max) {
        if (d.compareTo(min) < 0) {
            throw invalid(key + "Low", human(min), human(d));
        }
        if (d.compareTo(max) > 0) {
            throw invalid(key + "High", human(max), human(d));
        }
        return d;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a JDBC URL into a builder: {@code jdbc:mysql://}, {@code jdbc:mariadb://},
     * {@code jdbc:oceanbase://} and {@code jdbc:postgresql://}, with host, port, database and query
     * parameters. {@code user} and {@code password} parameters go to their fields, never to the
     * properties; the URL's other parameters become extra properties.
     *
     * @throws IllegalArgumentException when the URL is not one of these forms
     */
    public static Builder fromJdbcUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("url.required");
        }
        String u = url.strip();
        if (!u.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw invalid("url.prefix");
        }
        String rest = u.substring(5);
        int colon = rest.indexOf("://");
        if (colon < 0) {
            throw invalid("url.form");
        }
        String scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        SourceTypes types = SourceTypes.installed();
        String type = types.forJdbcScheme(scheme).map(SourceType::id).orElseThrow(() ->
                invalid("url.scheme", scheme,
                        String.join(", ", types.all().stream().flatMap(t -> t.jdbcSchemes().stream()).distinct().toList())));
        URI uri;
        try {
            uri = new URI("db" + rest.substring(colon));
        } catch (URISyntaxException e) {
            throw new InvalidValueException(SourceText.of("url.unreadable", e.getReason()), e);
        }
        if (uri.getHost() == null) {
            throw invalid("url.noHost");
        }
        String host = uri.getHost();
        // URI keeps the brackets of an IPv6 literal; the spec holds the bare address
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Builder b = builder().type(type).host(host);
        if (uri.getPort() > 0) {
            b.port(uri.getPort());
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            b.database(URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
        }
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            b.user(URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8));
            if (userInfo.length > 1) {
                b.password(URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8).toCharArray());
            }
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> b.user(value);
                    case "password" -> b.password(value.toCharArray());
                    default -> b.property(key, value);
                }
            }
        }
        return b;
    }

    /** The data source's name as the user knows it; "host:port" when none was given. */
    public String name() { return name; }
    /** The {@link SourceType#id() id} of the kind of data source, lower case. */
    public String type() { return type; }
    public String host() { return host; }
    public int port() { return port; }
    public String user() { return user; }
    /** A copy of the password; the caller should clear it after use. Empty when none. */
    public char[] password() { return password.clone(); }
    /** The default database, empty when none. */
    public Optional<String> database() { return database.isEmpty() ? Optional.empty() : Optional.of(database); }
    public TlsMode tlsMode() { return tlsMode; }
    /** Path of the CA certificate file for {@link TlsMode#VERIFY_CA} and {@link TlsMode#VERIFY_IDENTITY}. */
    public Optional<String> caFile() { return caFile.isEmpty() ? Optional.empty() : Optional.of(caFile); }
    /** Extra JDBC properties, never credentials. */
    public Map<String, String> properties() { return properties; }
    /**
     * The settings of the type's own fields ({@link SourceType#settings()} beyond
     * {@link ConnectionFields}), by field id; each checked by its field, empty ones left out.
     */
    public Map<String, String> options() { return options; }
    /** One of {@link #options()}, empty when not set. */
    public Optional<String> option(String id) { return Optional.ofNullable(options.get(id)); }
    /** How long to wait for a connection to open. */
    public Duration connectTimeout() { return connectTimeout; }
    /** How long any one statement may run. */
    public Duration queryTimeout() { return queryTimeout; }

    /**
     * The SSH tunnel to reach the server through (a bastion), empty for a direct connection. With a
     * tunnel, {@link #host()} and {@link #port()} are the server as the bastion reaches it.
     */
    public Optional<SshTunnelSpec> sshTunnel() { return Optional.ofNullable(sshTunnel); }

    /** A builder seeded with this spec, e.g. to connect to another server with the same credentials. */
    public Builder toBuilder() {
        Builder b = builder().name(name).type(type).host(host).port(port).user(user).password(password)
                .database(database).tlsMode(tlsMode).caFile(caFile)
                .connectTimeout(connectTimeout).queryTimeout(queryTimeout).sshTunnel(sshTunnel);
        properties.forEach(b::property);
        options.forEach(b::option);
        return b;
    }

    /**
     * "user@host:port/database", without the password, and " through SSH user@bastion:22" with a
     * tunnel; safe for logs and messages.
     */
    public String describe() {
        return description().english();
    }

    /** As {@link #describe()}, for the window to word in its language ("... through SSH ..."). */
    public Text description() {
        String where = (user.isEmpty() ? "" : user + "@") + host + ":" + port + (database.isEmpty() ? "" : "/" + database);
        return sshTunnel == null ? Text.verbatim(where) : SourceText.of("spec.throughSsh", where, sshTunnel.describe());
    }

    @Override
    public String toString() {
        return "ConnectionSpec[" + name + ", " + type + ", " + describe() + ", tls=" + tlsMode + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private String name;
        private String type;
        private String host;
        private Integer port;
        private String user;
        private char[] password;
        private String database;
        private TlsMode tlsMode;
        private String caFile;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private Duration connectTimeout;
        private Duration queryTimeout;
        private SshTunnelSpec sshTunnel;

        private Builder() {
        }

        public Builder name(String v) { name = v; return this; }
        /** The {@link SourceType#id() id} of the kind of data source (case aside); {@value ConnectionSpec#DEFAULT_TYPE} when not set. */
        public Builder type(String v) { type = v; return this; }
        /** The type set so far, {@value ConnectionSpec#DEFAULT_TYPE} when none. */
        public String type() { return type == null ? DEFAULT_TYPE : type; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder user(String v) { user = v; return this; }
        /** Takes a copy of the password. */
        public Builder password(char[] v) {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            password = v == null ? null : v.clone();
            return this;
        }
        public Builder database(String v) { database = v; return this; }
        public Builder tlsMode(TlsMode v) { tlsMode = v; return this; }
        public Builder caFile(String v) { caFile = v; return this; }
        public Builder property(String key, String value) { properties.put(key, value); return this; }
        /**
         * Removes the driver properties set so far and returns them, in order: a pasted URL fills the
         * other fields even when one of its properties is refused, and the form shows the refusal.
         */
        public Map<String, String> takeProperties() {
            Map<String, String> taken = new LinkedHashMap<>(properties);
            properties.clear();
            return taken;
        }
        /** One of the type's own settings, by field id; an empty value unsets it. */
        public Builder option(String key, String value) { options.put(key, value == null ? "" : value); return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder queryTimeout(Duration v) { queryTimeout = v; return this; }
        /** The SSH tunnel to connect through; null for a direct connection. */
        public Builder sshTunnel(SshTunnelSpec v) { sshTunnel = v; return this; }

        /**
         * @throws IllegalArgumentException when a field is missing or out of bounds; the message
         *                                  names the field and the bound
         */
        public ConnectionSpec build() {
            return new ConnectionSpec(this);
        }
    }
}
