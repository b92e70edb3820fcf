package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.JdbcSourceType;
import java.util.List;

/** PostgreSQL 12 to 18; 5432. */
public final class PostgresSourceType extends JdbcSourceType {

    public PostgresSourceType() {
        super("postgresql", Text.of("dev.sessiondeck.core.source.postgres.messages", "type.postgresql"), 5432,
                PostgresProtocol.INSTANCE, 50, List.of("postgresql"), info -> info.product() == Product.POSTGRESQL);
    }
}
