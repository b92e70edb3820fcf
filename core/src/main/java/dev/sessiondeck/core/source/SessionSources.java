package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link SessionSource} for a {@link ConnectionSpec}: connects with the protocol the spec's
 * {@link DatabaseType} speaks, asks the server what it is, and hands it to the first
 * {@link SessionSourceProvider} (in priority order) that supports it.
 */
public final class SessionSources {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSources.class);

    private final List<SessionSourceProvider> providers;

    /** With the given providers, asked in their priority order. */
    public SessionSources(List<SessionSourceProvider> providers) {
        List<SessionSourceProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(SessionSourceProvider::priority));
        this.providers = List.copyOf(sorted);
    }

    /** With every provider found by {@link ServiceLoader} on the class path. */
    public static SessionSources loaded() {
        List<SessionSourceProvider> found = new ArrayList<>();
        ServiceLoader.load(SessionSourceProvider.class, SessionSources.class.getClassLoader()).forEach(found::add);
        return new SessionSources(found);
    }

    /** The providers in the order they are asked. */
    public List<SessionSourceProvider> providers() {
        return providers;
    }

    /**
     * Opens the data source. Blocks for at most about the connect timeout plus one query timeout.
     *
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE}, {@code TIMEOUT}, or
     *                         {@code UNSUPPORTED} when no provider serves the server
     */
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        DatabaseType.Protocol protocol = spec.type().protocol();
        WireProtocol wire = providers.stream()
                .filter(p -> p.wire().protocol() == protocol)
                .map(SessionSourceProvider::wire)
                .findFirst()
                .orElseThrow(() -> new SourceException(SourceException.Kind.UNSUPPORTED,
                        "SessionDeck has no adapter for " + spec.type() + " in this build"));
        ConnectionPool pool = ConnectionPool.open(spec, wire.jdbcUrl(spec), wire.driverProperties(spec), wire.errors());
        try {
            ServerInfo info = wire.detect(pool);
            if (spec.type() != DatabaseType.AUTO && !matches(spec.type(), info)) {
                LOG.warn("Data source {} was set up as {} but the server says it is {}; using what the server says",
                        spec.name(), spec.type(), info.describe());
            }
            for (SessionSourceProvider provider : providers) {
                if (provider.wire().protocol() == protocol && provider.supports(info)) {
                    LOG.info("Data source {}: {} ({}) served by {}", spec.name(), info.describe(), info.versionString(),
                            provider.getClass().getSimpleName());
                    return provider.open(spec, info, pool);
                }
            }
            throw new SourceException(SourceException.Kind.UNSUPPORTED,
                    info.describe() + " is not supported yet (server version " + info.versionString() + ")");
        } catch (SourceException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static boolean matches(DatabaseType type, ServerInfo info) {
        return switch (type) {
            case AUTO -> true;
            case MYSQL -> info.product() == Product.MYSQL;
            case MARIADB -> info.product() == Product.MARIADB;
            case OCEANBASE -> info.product() == Product.OCEANBASE_MYSQL
                    || info.product() == Product.OCEANBASE_ORACLE;
            case POSTGRESQL -> info.product() == Product.POSTGRESQL;
        };
    }
}
