package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.model.Version;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.SqlErrors;
import dev.sessiondeck.core.source.TlsMode;
import dev.sessiondeck.core.source.WireProtocol;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The MySQL wire protocol through MySQL Connector/J, shared by MySQL, MariaDB and OceanBase (MySQL
 * mode). Driver settings follow the Connector/J 9.x "Configuration Properties" reference.
 */
public final class MySqlProtocol implements WireProtocol {

    public static final MySqlProtocol INSTANCE = new MySqlProtocol();

    static final String DETECT = "SELECT VERSION(), @@version_comment";
    /** Only OceanBase has this variable; asked only once the version string says OceanBase. */
    static final String OCEANBASE_MODE = "SHOW VARIABLES LIKE 'ob_compatibility_mode'";

    static final String OB_VERSION = "SELECT ob_version()";

    private static final MySqlErrors ERRORS = new MySqlErrors();

    private MySqlProtocol() {
    }

    @Override
    public String jdbcUrl(ConnectionSpec spec) {
        String host = spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host();
        // Connector/J decodes the database part, and reads anything after a bare '?' as driver
        // properties: a database named "shop?allowLoadLocalInfile=true" must stay a name.
        String database = URLEncoder.encode(spec.database().orElse(""), StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:mysql://" + host + ":" + spec.port() + "/" + database;
    }

    @Override
    public Properties driverProperties(ConnectionSpec spec) {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Long.toString(spec.connectTimeout().toMillis()));
        // Why the connect timeout: it bounds every read until the connection is ours, the login and
        // the driver's own first statements (server variables, character set) included, so a server
        // that accepts the login and then says nothing is given up as soon as one that never answers.
        // Each call through the pool then sets its own network timeout, the query timeout plus a
        // margin, and a watchdog closes the connection of a driver that does not return (ConnectionPool).
        p.setProperty("socketTimeout", Long.toString(spec.connectTimeout().toMillis()));
        p.setProperty("sslMode", spec.tlsMode().name());
        spec.caFile().ifPresent(ca -> p.setProperty("trustCertificateKeyStoreUrl", "file:" + ca));
        // caching_sha2_password over a connection without TLS needs the server's RSA key; this is
        // what MySQL's own client and DBeaver do when TLS is not verified anyway.
        if (spec.tlsMode() == TlsMode.DISABLED || spec.tlsMode() == TlsMode.PREFERRED) {
            p.setProperty("allowPublicKeyRetrieval", "true");
        }
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectionAttributes", "program_name:SessionDeck");
        p.setProperty("tcpKeepAlive", "true");
        p.putAll(spec.properties());
        return p;
    }

    @Override
    public java.util.Set<String> harmlessProperties() {
        return dev.sessiondeck.core.source.DriverProperties.MYSQL;
    }

    @Override
    public SqlErrors errors() {
        return ERRORS;
    }

    @Override
    public ServerInfo detect(ConnectionPool pool) throws SourceException {
        return pool.afterLogin(SourceText.of("what.serverVersion", pool.description()), c -> {
            String version;
            String comment;
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(DETECT)) {
                rs.next();
                version = rs.getString(1);
                comment = rs.getString(2);
            }
            boolean oracle = false;
            if (isOceanBase(version, comment)) {
                try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(OCEANBASE_MODE)) {
                    oracle = rs.next() && "ORACLE".equalsIgnoreCase(rs.getString(2));
                }
            }
            if (isOceanBase(version, comment) && !oracle) {
                // ob_version() names the OceanBase release exactly (4.2.1.0), whatever the version string says
                try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(OB_VERSION)) {
                    if (rs.next() && rs.getString(1) != null) {
                        return ServerInfo.oceanBase(version, Version.parse(rs.getString(1)));
                    }
                } catch (SQLException | IllegalArgumentException e) {
                    // older releases have no ob_version(): the version string decides below
                }
            }
            try {
                return ServerInfo.detectMySqlFamily(version, comment, oracle);
            } catch (IllegalArgumentException e) {
                throw new SourceException(SourceException.Kind.UNSUPPORTED,
                        SourceText.of("failure.unknownVersion", pool.description(), version), e);
            }
        });
    }

    private static boolean isOceanBase(String version, String comment) {
        return (version != null && version.toLowerCase(java.util.Locale.ROOT).contains("oceanbase"))
                || (comment != null && comment.toLowerCase(java.util.Locale.ROOT).contains("oceanbase"));
    }
}
