package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.ServerInfo;

/**
 * Creates {@link SessionSource}s for one database product. Found by {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.sessiondeck.core.source.SessionSourceProvider}) and asked
 * in {@link #priority()} order, lowest first, so that the more specific products (MariaDB,
 * OceanBase) are asked before the general one (MySQL).
 */
public interface SessionSourceProvider {

    /** Lower is asked first. */
    int priority();

    /** The wire protocol this provider speaks; providers of one protocol share one instance. */
    WireProtocol wire();

    /** True when this provider serves the detected server. */
    boolean supports(ServerInfo info);

    /**
     * Creates the source over an opened pool. On success the source owns the pool.
     *
     * @throws SourceException {@code UNSUPPORTED} when the server cannot be served after all
     */
    SessionSource open(ConnectionSpec spec, ServerInfo info, ConnectionPool pool) throws SourceException;
}
