package dev.sessiondeck.core.source;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which JDBC driver properties a data source may carry (from a URL, a profile, an import): an
 * allowlist per driver of properties that change only how results are read and what the server is
 * told about the client. Everything else is refused before any connection is made, with words that
 * name the property: properties that make the client send local files, deserialise server data, load
 * classes or write files are how a malicious server or a shared profile attacks a client (Connector/J
 * {@code allowLoadLocalInfile}, {@code autoDeserialize}, {@code queryInterceptors}; pgjdbc
 * {@code socketFactory}, {@code sslfactory}, {@code loggerFile}: CVE-2022-21724, CVE-2022-26520), and
 * properties that set TLS, credentials or timeouts would override what SessionDeck decides (TLS is
 * the TLS mode's alone; the timeouts are the spec's). See docs/security.md.
 */
public final class DriverProperties {

    /** Connector/J (MySQL, MariaDB, OceanBase): how text, times and results are read, and client attributes. */
    public static final Set<String> MYSQL = lower(Set.of("characterEncoding", "characterSetResults", "connectionCollation",
            "connectionTimeZone", "serverTimezone", "forceConnectionTimeZoneToSession", "preserveInstants",
            "useUnicode", "zeroDateTimeBehavior", "connectionAttributes", "defaultFetchSize", "useCursorFetch",
            "useServerPrepStmts", "cachePrepStmts", "prepStmtCacheSize", "prepStmtCacheSqlLimit", "useCompression",
            "tcpNoDelay", "tcpKeepAlive", "tcpRcvBuf", "tcpSndBuf", "maxAllowedPacket", "useInformationSchema",
            "tinyInt1isBit", "transformedBitIsBoolean", "yearIsDateType", "metadataCacheSize", "useLocalSessionState",
            "cacheServerConfiguration", "jdbcCompliantTruncation", "sendFractionalSeconds", "useColumnNamesInFindColumn"));

    /** pgjdbc (PostgreSQL): the application name, schema and how statements and results are sent. */
    public static final Set<String> POSTGRESQL = lower(Set.of("ApplicationName", "assumeMinServerVersion", "binaryTransfer",
            "binaryTransferEnable", "binaryTransferDisable", "currentSchema", "defaultRowFetchSize", "escapeSyntaxCallMode",
            "hideUnprivilegedObjects", "preferQueryMode", "prepareThreshold", "preparedStatementCacheQueries",
            "preparedStatementCacheSizeMiB", "reWriteBatchedInserts", "stringtype", "tcpKeepAlive", "tcpNoDelay",
            "unknownLength", "quoteReturningIdentifiers", "receiveBufferSize", "sendBufferSize", "readOnlyMode"));

    /** Why the dangerous ones are refused, in words (lower-case names). */
    private static final Map<String, String> DANGER = Map.ofEntries(
            Map.entry("allowloadlocalinfile", "it lets the server read files of this computer (LOAD DATA LOCAL INFILE)"),
            Map.entry("allowlocalinfile", "it lets the server read files of this computer (LOAD DATA LOCAL INFILE)"),
            Map.entry("allowurlinlocalinfile", "it lets the server make the client fetch URLs and files"),
            Map.entry("autodeserialize", "it makes the driver deserialise Java objects the server sends"),
            Map.entry("queryinterceptors", "it loads and runs classes named in the settings"),
            Map.entry("exceptioninterceptors", "it loads and runs classes named in the settings"),
            Map.entry("connectionlifecycleinterceptors", "it loads and runs classes named in the settings"),
            Map.entry("propertiestransform", "it loads and runs classes named in the settings"),
            Map.entry("clientinfoprovider", "it loads and runs classes named in the settings"),
            Map.entry("socketfactory", "it loads and runs classes named in the settings"),
            Map.entry("socketfactoryarg", "it configures a class that runs in the client"),
            Map.entry("sslfactory", "it loads and runs classes named in the settings (CVE-2022-21724)"),
            Map.entry("sslfactoryarg", "it configures a class that runs in the client"),
            Map.entry("sslhostnameverifier", "it loads a class that decides whom to trust"),
            Map.entry("sslpasswordcallback", "it loads and runs classes named in the settings"),
            Map.entry("authenticationpluginclassname", "it loads and runs classes named in the settings (CVE-2022-21724)"),
            Map.entry("loggerfile", "it writes files of this computer (CVE-2022-26520)"),
            Map.entry("loggerlevel", "it writes driver logs that may hold data (CVE-2022-26520)"));

    private DriverProperties() {
    }

    private static Set<String> lower(Set<String> names) {
        return Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Why data sources of {@code type} may not carry the property {@code name}, in words naming it;
     * empty when they may.
     */
    public static Optional<String> refusal(SourceType type, String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        String danger = DANGER.get(key);
        if (danger != null) {
            return Optional.of("driver property '" + name + "' is not allowed: " + danger);
        }
        if (!(type instanceof JdbcSourceType jdbc) || !ConnectionFields.takes(type, ConnectionFields.PROPERTIES.id())) {
            return Optional.of("driver property '" + name + "' does not apply to data sources of type " + type.id());
        }
        Set<String> allowed = jdbc.wire().harmlessProperties();
        if (allowed.contains(key)) {
            return Optional.empty();
        }
        if (key.contains("ssl") || key.contains("tls") || key.contains("trust") || key.contains("keystore")
                || key.contains("certificate") || key.contains("gssenc")) {
            return Optional.of("driver property '" + name + "' is not allowed: TLS is set by the TLS mode alone");
        }
        if (key.contains("password") || key.equals("user") || key.contains("auth")) {
            return Optional.of("driver property '" + name + "' is not allowed: set the user and password fields instead");
        }
        if (key.contains("timeout")) {
            return Optional.of("driver property '" + name + "' is not allowed: the connect and query timeouts are"
                    + " SessionDeck's own settings");
        }
        return Optional.of("driver property '" + name + "' is not allowed: SessionDeck passes only harmless driver"
                + " properties (character set, time zone, application name, fetch size ...; docs/security.md)");
    }
}
