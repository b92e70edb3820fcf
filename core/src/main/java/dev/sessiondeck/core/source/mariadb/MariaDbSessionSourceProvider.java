package dev.sessiondeck.core.source.mariadb;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSourceProvider;
import dev.sessiondeck.core.source.WireProtocol;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;

/** MariaDB 10.x and 11.x, over the MySQL protocol. Asked before MySQL. */
public final class MariaDbSessionSourceProvider implements SessionSourceProvider {

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public WireProtocol wire() {
        return MySqlProtocol.INSTANCE;
    }

    @Override
    public boolean supports(ServerInfo info) {
        return info.product() == Product.MARIADB;
    }

    @Override
    public SessionSource open(ConnectionSpec spec, ServerInfo info, ConnectionPool pool) {
        return new MariaDbSessionSource(spec.name(), info, pool);
    }
}
