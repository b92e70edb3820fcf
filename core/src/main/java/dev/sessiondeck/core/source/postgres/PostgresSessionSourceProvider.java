package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSourceProvider;
import dev.sessiondeck.core.source.WireProtocol;

/**
 * PostgreSQL 12 to 18 (and later majors, whose {@code pg_stat_activity} keeps the columns of 14).
 * Older servers are refused as unsupported: the adapter is tested on 12 and 18 only.
 */
public final class PostgresSessionSourceProvider implements SessionSourceProvider {

    static final int OLDEST_MAJOR = 12;

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public WireProtocol wire() {
        return PostgresProtocol.INSTANCE;
    }

    @Override
    public boolean supports(ServerInfo info) {
        return info.product() == Product.POSTGRESQL && info.version().major() >= OLDEST_MAJOR;
    }

    @Override
    public SessionSource open(ConnectionSpec spec, ServerInfo info, ConnectionPool pool) {
        return new PostgresSessionSource(spec.name(), info, pool);
    }
}
