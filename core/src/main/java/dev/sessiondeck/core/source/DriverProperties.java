package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Text;
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

    /** Why the dangerous ones are refused: keys of {@link SourceText#BUNDLE} (lower-case names). */
    static final Map<String, String> DANGER = Map.ofEntries(
            Map.entry("allowloadlocalinfile", "danger.localFiles"),
            Map.entry("allowlocalinfile", "danger.localFiles"),
            Map.entry("allowurlinlocalinfile", "danger.urls"),
            Map.entry("autodeserialize", "danger.deserialise"),
            Map.entry("queryinterceptors", "danger.classes"),
            Map.entry("exceptioninterceptors", "danger.classes"),
            Map.entry("connectionlifecycleinterceptors", "danger.classes"),
            Map.entry("propertiestransform", "danger.classes"),
            Map.entry("clientinfoprovider", "danger.classes"),
            Map.entry("socketfactory", "danger.classes"),
            Map.entry("socketfactoryarg", "danger.configures"),
            Map.entry("sslfactory", "danger.classesCve"),
            Map.entry("sslfactoryarg", "danger.configures"),
            Map.entry("sslhostnameverifier", "danger.trust"),
            Map.entry("sslpasswordcallback", "danger.classes"),
            Map.entry("authenticationpluginclassname", "danger.classesCve"),
            Map.entry("loggerfile", "danger.writesFiles"),
            Map.entry("loggerlevel", "danger.logs"));

    private DriverProperties() {
    }

    private static Set<String> lower(Set<String> names) {
        return Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Why data sources of {@code type} may not carry the property {@code name}, in words naming it;
     * empty when they may.
     */
    public static Optional<Text> refusal(SourceType type, String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        String danger = DANGER.get(key);
        if (danger != null) {
            return Optional.of(SourceText.of("property.refused", name, SourceText.of(danger)));
        }
        if (!(type instanceof JdbcSourceType jdbc) || !ConnectionFields.takes(type, ConnectionFields.PROPERTIES.id())) {
            return Optional.of(SourceText.of("property.otherType", name, type.id()));
        }
        Set<String> allowed = jdbc.wire().harmlessProperties();
        if (allowed.contains(key)) {
            return Optional.empty();
        }
        if (key.contains("ssl") || key.contains("tls") || key.contains("trust") || key.contains("keystore")
                || key.contains("certificate") || key.contains("gssenc")) {
            return Optional.of(SourceText.of("property.refused", name, SourceText.of("danger.tls")));
        }
        if (key.contains("password") || key.equals("user") || key.contains("auth")) {
            return Optional.of(SourceText.of("property.refused", name, SourceText.of("danger.credentials")));
        }
        if (key.contains("timeout")) {
            return Optional.of(SourceText.of("property.refused", name, SourceText.of("danger.timeouts")));
        }
        return Optional.of(SourceText.of("property.refused", name, SourceText.of("danger.notHarmless")));
    }
}
