package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The editor's text fields turned into a {@link ConnectionSpec} and back, without a window. The
 * bounds are {@link ConnectionSpec.Builder#build()}'s: its message is shown as it is, next to the
 * field it names; only what the builder cannot see (a port or timeout that is not a number, a
 * property line without '=') is checked here.
 */
final class DataSourceForm {

    /** The field a problem belongs to, so the editor can mark it. */
    enum Field { NAME, HOST, PORT, USER, CA_FILE, CONNECT_TIMEOUT, QUERY_TIMEOUT, PROPERTIES, OPTIONS, SSH, OTHER }

    /** What is wrong, worded for a person, and where. */
    record Problem(Field field, String message) {
    }

    /**
     * The fields as typed; timeouts in seconds (decimals allowed), properties as key=value lines, the
     * type's own settings by field id.
     */
    record Input(String name, String type, String host, String port, String user, char[] password,
                 String database, TlsMode tlsMode, String caFile, String connectTimeoutSeconds,
                 String queryTimeoutSeconds, String properties, Map<String, String> options, SshInput ssh) {
        Input {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** The fields without an SSH tunnel. */
        Input(String name, String type, String host, String port, String user, char[] password, String database,
              TlsMode tlsMode, String caFile, String connectTimeoutSeconds, String queryTimeoutSeconds, String properties,
              Map<String, String> options) {
            this(name, type, host, port, user, password, database, tlsMode, caFile, connectTimeoutSeconds,
                    queryTimeoutSeconds, properties, options, null);
        }

        /** The same fields without the type's own settings. */
        Input(String name, String type, String host, String port, String user, char[] password, String database,
              TlsMode tlsMode, String caFile, String connectTimeoutSeconds, String queryTimeoutSeconds, String properties) {
            this(name, type, host, port, user, password, database, tlsMode, caFile, connectTimeoutSeconds,
                    queryTimeoutSeconds, properties, Map.of());
        }
    }

    /**
     * The SSH tunnel's fields as typed; null in {@link Input} for none.
     *
     * @param hostKey the accepted host key as saved ({@code "TYPE SHA256:..."}), empty for none
     */
    record SshInput(String host, String port, String user, SshAuth auth, String keyFile, char[] secret,
                    String knownHosts, String hostKey) {
    }

    /** Thrown by {@link #build(Input)}: the first problem found. */
    static final class InvalidInput extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        InvalidInput(Problem problem) {
            super(problem.message());
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private DataSourceForm() {
    }

    /**
     * The spec the fields describe. A blank port means the type's default; a blank name means
     * "host:port" (as {@link ConnectionSpec} names it).
     *
     * @throws InvalidInput with the first problem, the builder's own words for bounds
     */
    static ConnectionSpec build(Input in) throws InvalidInput {
        ConnectionSpec.Builder b = ConnectionSpec.builder().name(in.name()).type(in.type()).host(in.host())
                .user(in.user()).password(in.password()).database(in.database()).tlsMode(in.tlsMode())
                .caFile(in.caFile());
        if (!in.port().isBlank()) {
            b.port(whole(in.port(), Field.PORT, "editor.invalid.port"));
        }
        b.connectTimeout(seconds(in.connectTimeoutSeconds(), Field.CONNECT_TIMEOUT));
        b.queryTimeout(seconds(in.queryTimeoutSeconds(), Field.QUERY_TIMEOUT));
        parseProperties(in.properties()).forEach(b::property);
        in.options().forEach(b::option);
        if (in.ssh() != null) {
            b.sshTunnel(tunnel(in.ssh()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(new Problem(fieldOf(e.getMessage()), ErrorText.message(e)));
        }
    }

    private static SshTunnelSpec tunnel(SshInput in) throws InvalidInput {
        SshTunnelSpec.Builder t = SshTunnelSpec.builder().host(in.host()).user(in.user()).auth(in.auth())
                .keyFile(in.auth() == SshAuth.KEY ? in.keyFile() : "").secret(in.auth() == SshAuth.AGENT ? null : in.secret())
                .knownHosts(in.knownHosts());
        if (!in.port().isBlank()) {
            t.port(whole(in.port(), Field.SSH, "editor.invalid.sshPort"));
        }
        try {
            if (!in.hostKey().isBlank()) {
                t.hostKey(SshHostKey.parse(in.hostKey()));
            }
            return t.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(new Problem(Field.SSH, ErrorText.message(e)));
        }
    }

    /** The saved tunnel's fields as the editor shows them (without its secret); null for none. */
    static SshInput sshInputOf(DataSourceProfile p) {
        return p.sshTunnel().map(t -> new SshInput(t.host(), String.valueOf(t.port()), t.user(), t.auth(), t.keyFile(),
                new char[0], t.knownHosts(), t.hostKey())).orElse(null);
    }

    /**
     * Extra JDBC properties from {@code key=value} lines; blank lines and lines starting with '#'
     * are skipped, the value may be empty.
     *
     * @throws InvalidInput naming the first line without '=' or with an empty key
     */
    static Map<String, String> parseProperties(String text) throws InvalidInput {
        Map<String, String> props = new LinkedHashMap<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInput(new Problem(Field.PROPERTIES, Messages.get("editor.invalid.property", i + 1)));
            }
            props.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return props;
    }

    /** The properties as the editor shows them: one {@code key=value} per line. */
    static String formatProperties(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining("\n"));
    }

    /** Milliseconds as the seconds the editor shows: "5", "0.25". */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** The profile's fields as the editor shows them (without a password). */
    static Input inputOf(DataSourceProfile p) {
        return new Input(p.name(), p.type(), p.host(), String.valueOf(p.port()), p.user(), new char[0], p.database(),
                p.tlsMode(), p.caFile(), seconds(p.connectTimeoutMillis()), seconds(p.queryTimeoutMillis()),
                formatProperties(p.properties()), p.options());
    }

    /** The user of a spec read from a JDBC URL that names none. */
    static final String NO_USER = "\u0000";

    /**
     * A pasted JDBC URL read by {@link ConnectionSpec#fromJdbcUrl}: type, host, port, database,
     * user ({@link #NO_USER} when the URL names none), password and properties; empty when the
     * text is not a JDBC URL.
     *
     * @throws InvalidInput when it is one but cannot be read, with the reason
     */
    static Optional<PastedUrl> readJdbcUrl(String text) throws InvalidInput {
        if (text == null || !text.strip().regionMatches(true, 0, "jdbc:", 0, 5)) {
            return Optional.empty();
        }
        try {
            ConnectionSpec.Builder b = ConnectionSpec.fromJdbcUrl(text);
            // the properties go to their field as they are, where a refused one is marked
            Map<String, String> properties = b.takeProperties();
            try {
                return Optional.of(new PastedUrl(b.build(), properties));
            } catch (IllegalArgumentException first) {
                // most URLs name no user: read the rest with a stand-in
                return Optional.of(new PastedUrl(b.user(NO_USER).build(), properties));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(new Problem(Field.OTHER, ErrorText.message(e)));
        }
    }

    /** A pasted JDBC URL: the fields it gives ({@link #NO_USER} when it names none) and its driver properties, unchecked. */
    record PastedUrl(ConnectionSpec spec, Map<String, String> properties) {
    }

    private static int whole(String text, Field field, String messageKey) throws InvalidInput {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(new Problem(field, Messages.get(messageKey)));
        }
    }

    private static Duration seconds(String text, Field field) throws InvalidInput {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(new BigDecimal(text.strip()).movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInput(new Problem(field, Messages.get("editor.invalid.seconds")));
        }
    }

    /** Which field the builder's message is about: it names the field first. */
    private static Field fieldOf(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("host")) {
            return Field.HOST;
        }
        if (m.startsWith("port")) {
            return Field.PORT;
        }
        if (m.startsWith("user")) {
            return Field.USER;
        }
        if (m.startsWith("connectTimeout")) {
            return Field.CONNECT_TIMEOUT;
        }
        if (m.startsWith("queryTimeout")) {
            return Field.QUERY_TIMEOUT;
        }
        if (m.startsWith("TLS mode")) {
            return Field.CA_FILE;
        }
        if (m.startsWith("property") || m.startsWith("driver property")) {
            return Field.PROPERTIES;
        }
        if (m.startsWith("option")) {
            return Field.OPTIONS;
        }
        return Field.OTHER;
    }
}
