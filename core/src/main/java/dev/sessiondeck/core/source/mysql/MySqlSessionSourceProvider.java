package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.ServerInfo;
import dev.sessiondeck.core.source.ConnectionPool;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSourceProvider;
import dev.sessiondeck.core.source.WireProtocol;

/** MySQL 5.7, 8.x and 9.x. Asked last among the MySQL protocol family: MariaDB and OceanBase look like MySQL. */
public final class MySqlSessionSourceProvider implements SessionSourceProvider {

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public WireProtocol wire() {
        return MySqlProtocol.INSTANCE;
    }

    @Override
    public boolean supports(ServerInfo info) {
        return info.product() == Product.MYSQL;
    }

    @Override
    public SessionSource open(ConnectionSpec spec, ServerInfo info, ConnectionPool pool) {
        return new MySqlSessionSource(spec.name(), info, pool);
    }
}
