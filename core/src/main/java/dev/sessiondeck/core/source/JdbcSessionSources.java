package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.ServerInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a data source of a {@link JdbcSourceType}: connects with the protocol, asks the server what
 * it is, and hands it to the first {@link SessionSourceProvider} (in priority order) of that protocol
 * that supports it.
 */
public final class JdbcSessionSources {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionSources.class);
    private static volatile JdbcSessionSources installed;

    private final List<SessionSourceProvider> providers;

    /** With the given providers, asked in their priority order. */
    public JdbcSessionSources(List<SessionSourceProvider> providers) {
        List<SessionSourceProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(SessionSourceProvider::priority));
        this.providers = List.copyOf(sorted);
    }

    /** With every provider found by {@link ServiceLoader} on the class path; looked up once. */
    public static JdbcSessionSources installed() {
        JdbcSessionSources s = installed;
        if (s == null) {
            List<SessionSourceProvider> found = new ArrayList<>();
            ServiceLoader.load(SessionSourceProvider.class, JdbcSessionSources.class.getClassLoader()).forEach(found::add);
            s = new JdbcSessionSources(found);
            installed = s;
        }
        return s;
    }

    /** The providers in the order they are asked. */
    public List<SessionSourceProvider> providers() {
        return providers;
    }

    /**
     * Opens the data source. Blocks for at most about the connect timeout plus one query timeout.
     *
     * @param expected what the user said the server is; a different answer is logged and served
     * @throws SourceException {@code AUTHENTICATION}, {@code UNREACHABLE}, {@code TIMEOUT}, or
     *                         {@code UNSUPPORTED} when no provider serves the server
     */
    public SessionSource open(ConnectionSpec spec, WireProtocol wire, Predicate<ServerInfo> expected) throws SourceException {
        ConnectionPool pool = ConnectionPool.open(spec, wire.jdbcUrl(spec), wire.driverProperties(spec), wire.errors());
        try {
            ServerInfo info = wire.detect(pool);
            if (!expected.test(info)) {
                LOG.warn("Data source {} was set up as {} but the server says it is {}; using what the server says",
                        spec.name(), spec.type(), info.describe());
            }
            for (SessionSourceProvider provider : providers) {
                if (provider.wire() == wire && provider.supports(info)) {
                    LOG.info("Data source {}: {} ({}) served by {}", spec.name(), info.describe(), info.versionString(),
                            provider.getClass().getSimpleName());
                    return provider.open(spec, info, pool);
                }
            }
            throw new SourceException(SourceException.Kind.UNSUPPORTED,
                    SourceText.of("failure.serverNotSupported", info.describe(), info.versionString()));
        } catch (SourceException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
