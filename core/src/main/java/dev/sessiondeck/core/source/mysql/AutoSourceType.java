package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.JdbcSessionSources;
import dev.sessiondeck.core.source.JdbcSourceType;
import dev.sessiondeck.core.source.ProtocolProbe;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceText;
import dev.sessiondeck.core.source.postgres.PostgresProtocol;
import java.util.List;

/**
 * "Detect automatically": reads the server's first bytes ({@link ProtocolProbe}) to tell the MySQL
 * protocol (MySQL, MariaDB, OceanBase: the server then says which) from PostgreSQL's, and opens the
 * data source with that protocol. {@code jdbc:mysql://} URLs get it, since MariaDB and OceanBase
 * answer them too.
 */
public final class AutoSourceType extends JdbcSourceType {

    public AutoSourceType() {
        super("auto", Text.of("dev.sessiondeck.core.source.mysql.messages", "type.auto"), 3306, MySqlProtocol.INSTANCE,
                10, List.of("mysql"), info -> true);
    }

    /**
     * @throws SourceException {@code UNSUPPORTED} naming the types to choose from when the server
     *                         speaks neither protocol
     */
    @Override
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        return switch (ProtocolProbe.probe(spec.host(), spec.port(), spec.connectTimeout())) {
            case MYSQL_FAMILY -> JdbcSessionSources.installed().open(spec, MySqlProtocol.INSTANCE, info -> true);
            case POSTGRESQL -> JdbcSessionSources.installed().open(spec, PostgresProtocol.INSTANCE, info -> true);
            case UNKNOWN -> throw new SourceException(SourceException.Kind.UNSUPPORTED,
                    SourceText.of("failure.unknownProtocol", spec.host() + ":" + spec.port()));
        };
    }
}
