package dev.sessiondeck.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A saved data source, as it is written to the profiles file. It never holds a password: with
 * {@link #savePassword()} the password lives in the {@link SecretStore} under {@link #id()}.
 *
 * @param id                   a stable id (a UUID), the key of the password in the keychain
 * @param name                 the name the user gave it, unique in the list
 * @param type                 the id of the kind of data source ({@link dev.sessiondeck.core.source.SourceType#id()});
 *                             {@code auto} detects the server of the MySQL family. Earlier releases wrote
 *                             the same ids in upper case ({@code MARIADB}), which still load.
 * @param host                 server host
 * @param port                 server port, 1 to 65535
 * @param user                 login user
 * @param database             default database, empty for none
 * @param tlsMode              TLS mode
 * @param caFile               CA certificate file for the verifying TLS modes, empty for none
 * @param connectTimeoutMillis connect timeout in milliseconds
 * @param queryTimeoutMillis   per-statement timeout in milliseconds
 * @param properties           extra JDBC properties (never credentials)
 * @param colorTag             a colour for the window title and table header (e.g. "red" for
 *                             production), empty for none
 * @param savePassword         true when the password is kept in the operating system's keychain
 * @param options              the settings of the type's own fields (a client program's path ...), by
 *                             field id; never secrets
 * @param ssh                  the SSH tunnel to reach the server through, null for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataSourceProfile(String id, String name, String type, String host, int port, String user,
                                String database, TlsMode tlsMode, String caFile, long connectTimeoutMillis,
                                long queryTimeoutMillis, Map<String, String> properties, String colorTag,
                                boolean savePassword, Map<String, String> options, SshSettings ssh) {

    /** A profile without an SSH tunnel. */
    public DataSourceProfile(String id, String name, String type, String host, int port, String user,
                             String database, TlsMode tlsMode, String caFile, long connectTimeoutMillis,
                             long queryTimeoutMillis, Map<String, String> properties, String colorTag,
                             boolean savePassword, Map<String, String> options) {
        this(id, name, type, host, port, user, database, tlsMode, caFile, connectTimeoutMillis, queryTimeoutMillis,
                properties, colorTag, savePassword, options, null);
    }

    public DataSourceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        type = type == null || type.isBlank() ? ConnectionSpec.DEFAULT_TYPE : type.strip().toLowerCase(java.util.Locale.ROOT);
        host = host == null ? "" : host;
        user = user == null ? "" : user;
        database = database == null ? "" : database;
        tlsMode = tlsMode == null ? TlsMode.PREFERRED : tlsMode;
        caFile = caFile == null ? "" : caFile;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        colorTag = colorTag == null ? "" : colorTag;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A new profile with a fresh id and the defaults of {@link ConnectionSpec}. */
    public static DataSourceProfile create(String name, String type, String host, int port, String user) {
        return new DataSourceProfile(UUID.randomUUID().toString(), name, type, host, port, user, "", TlsMode.PREFERRED, "",
                ConnectionSpec.DEFAULT_CONNECT_TIMEOUT.toMillis(), ConnectionSpec.DEFAULT_QUERY_TIMEOUT.toMillis(),
                Map.of(), "", false, Map.of());
    }

    /** The profile as a spec from a builder, validated by {@link ConnectionSpec.Builder#build()}. */
    public static DataSourceProfile of(String id, ConnectionSpec spec, String colorTag, boolean savePassword) {
        return of(id, spec, colorTag, savePassword, false);
    }

    /**
     * As {@link #of(String, ConnectionSpec, String, boolean)}, with the spec's SSH tunnel.
     *
     * @param saveSshSecret true when the tunnel's passphrase or password goes to the keychain
     */
    public static DataSourceProfile of(String id, ConnectionSpec spec, String colorTag, boolean savePassword,
                                       boolean saveSshSecret) {
        return new DataSourceProfile(id, spec.name(), spec.type(), spec.host(), spec.port(), spec.user(),
                spec.database().orElse(""), spec.tlsMode(), spec.caFile().orElse(""), spec.connectTimeout().toMillis(),
                spec.queryTimeout().toMillis(), spec.properties(), colorTag, savePassword, spec.options(),
                spec.sshTunnel().map(t -> SshSettings.of(t, saveSshSecret)).orElse(null));
    }

    /** The key of the SSH tunnel's passphrase or password in the {@link SecretStore}. */
    public String sshSecretId() {
        return id + "#ssh";
    }

    /** The saved SSH tunnel, empty for none. */
    public java.util.Optional<SshSettings> sshTunnel() {
        return java.util.Optional.ofNullable(ssh);
    }

    /**
     * The spec to connect with.
     *
     * @param password the password from the keychain or a prompt; copied, the caller clears its own
     * @throws IllegalArgumentException when a value is out of bounds (a hand-edited file)
     */
    public ConnectionSpec toSpec(char[] password) {
        return toSpec(password, null);
    }

    /**
     * The spec to connect with, with its SSH tunnel.
     *
     * @param password  as {@link #toSpec(char[])}
     * @param sshSecret the tunnel's passphrase or password, null for none; copied
     * @throws IllegalArgumentException when a value is out of bounds (a hand-edited file)
     */
    public ConnectionSpec toSpec(char[] password, char[] sshSecret) {
        ConnectionSpec.Builder b = ConnectionSpec.builder().name(name).type(type).host(host).port(port).user(user)
                .password(password).database(database).tlsMode(tlsMode).caFile(caFile)
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis)).queryTimeout(Duration.ofMillis(queryTimeoutMillis))
                .sshTunnel(ssh == null ? null : ssh.toSpec(sshSecret));
        properties.forEach(b::property);
        options.forEach(b::option);
        return b.build();
    }

    public DataSourceProfile withName(String newName) {
        return new DataSourceProfile(id, newName, type, host, port, user, database, tlsMode, caFile, connectTimeoutMillis,
                queryTimeoutMillis, properties, colorTag, savePassword, options, ssh);
    }

    /** The same profile with another SSH tunnel (null for none). */
    public DataSourceProfile withSshTunnel(SshSettings tunnel) {
        return new DataSourceProfile(id, name, type, host, port, user, database, tlsMode, caFile, connectTimeoutMillis,
                queryTimeoutMillis, properties, colorTag, savePassword, options, tunnel);
    }

    /** A copy under a new id and name, for "Duplicate"; the copy shares neither saved password nor SSH secret. */
    public DataSourceProfile duplicate(String newName) {
        return new DataSourceProfile(UUID.randomUUID().toString(), newName, type, host, port, user, database, tlsMode,
                caFile, connectTimeoutMillis, queryTimeoutMillis, properties, colorTag, false, options,
                ssh == null ? null : ssh.withoutSavedSecret());
    }
}
