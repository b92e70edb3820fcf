package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSourceProvider;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.WireProtocol;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;

/**
 * OceanBase in MySQL mode, over the MySQL protocol; asked first, because it reports a MySQL
 * version. Oracle mode is detected but served by no provider, so it is refused in words.
 */
public final class OceanBaseSessionSourceProvider implements SessionSourceProvider {

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public WireProtocol wire() {
        return MySqlProtocol.INSTANCE;
    }

    @Override
    public boolean supports(ServerInfo info) {
        return info.product() == Product.OCEANBASE_MYSQL;
    }

    @Override
    public SessionSource open(ConnectionSpec spec, ServerInfo info, ConnectionPool pool) throws SourceException {
        return new OceanBaseSessionSource(spec, info, pool, OceanBaseSessionSource.directConnector(spec));
    }
}
