package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.ServerInfo;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The PostgreSQL wire protocol through pgjdbc. Driver settings follow pgjdbc's "Connection
 * Parameters" page; note that pgjdbc counts {@code connectTimeout}, {@code socketTimeout} and
 * {@code loginTimeout} in whole seconds (Connector/J counts milliseconds).
 */
public final class PostgresProtocol implements WireProtocol {

    public static final PostgresProtocol INSTANCE = new PostgresProtocol();

    /** One round trip: the number for the version, the text for the build's own words. */
    static final String DETECT = "SELECT current_setting('server_version_num'), version()";
    /** The database every cluster has; pgjdbc would otherwise use one named like the user. */
    static final String DEFAULT_DATABASE = "postgres";
    static final String APPLICATION_NAME = "SessionDeck";

    private static final PostgresErrors ERRORS = new PostgresErrors();

    private PostgresProtocol() {
    }

    @Override
    public String jdbcUrl(ConnectionSpec spec) {
        String host = spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host();
        // pgjdbc URL-decodes the database name, so a name with '/', '?' or '%' must be encoded.
        String database = URLEncoder.encode(spec.database().orElse(DEFAULT_DATABASE), StandardCharsets.UTF_8);
        return "jdbc:postgresql://" + host + ":" + spec.port() + "/" + database;
    }

    @Override
    public Properties driverProperties(ConnectionSpec spec) {
        Properties p = new Properties();
        String connectSeconds = Long.toString(ceilSeconds(spec.connectTimeout()));
        p.setProperty("connectTimeout", connectSeconds);
        p.setProperty("loginTimeout", connectSeconds);
        // Why the connect timeout: it bounds every read until the connection is ours (pgjdbc's
        // connect thread, which loginTimeout abandons but does not stop, included); each call through
        // the pool then sets its own network timeout, the query timeout plus a margin (ConnectionPool).
        p.setProperty("socketTimeout", connectSeconds);
        p.setProperty("sslmode", sslMode(spec.tlsMode()));
        spec.caFile().ifPresent(ca -> p.setProperty("sslrootcert", ca));
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("tcpKeepAlive", "true");
        // Why: a plain Statement goes over the simple query protocol, a PreparedStatement (the listing,
        // the kills) keeps the extended one. SessionDeck's plain statements are its own fixed SQL, and
        // another session's text explained again (PostgresPlans); a prepared statement's text carries
        // $1 ..., which EXPLAIN (GENERIC_PLAN) takes only without a Bind: over the extended protocol
        // the server counts those parameters and refuses the Bind pgjdbc sends without values.
        p.setProperty("preferQueryMode", "extendedForPrepared");
        p.putAll(spec.properties());
        return p;
    }

    /** libpq's {@code sslmode} names, which pgjdbc shares. */
    static String sslMode(TlsMode mode) {
        return switch (mode) {
            case DISABLED -> "disable";
            case PREFERRED -> "prefer";
            case REQUIRED -> "require";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        };
    }

    /** Whole seconds, rounded up: 250 ms must not become pgjdbc's 0, which means "wait forever". */
    private static long ceilSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    @Override
    public java.util.Set<String> harmlessProperties() {
        return dev.sessiondeck.core.source.DriverProperties.POSTGRESQL;
    }

    @Override
    public SqlErrors errors() {
        return ERRORS;
    }

    @Override
    public ServerInfo detect(ConnectionPool pool) throws SourceException {
        return pool.afterLogin(SourceText.of("what.serverVersion", pool.description()), c -> {
            String number;
            String version;
            try (Statement st = pool.statement(c); ResultSet rs = st.executeQuery(DETECT)) {
                rs.next();
                number = rs.getString(1);
                version = rs.getString(2);
            }
            try {
                return ServerInfo.postgres(version, number);
            } catch (IllegalArgumentException e) {
                throw new SourceException(SourceException.Kind.UNSUPPORTED, SourceText.of("failure.unknownVersion",
                        pool.description(), number + " (" + version + ")"), e);
            }
        });
    }
}
