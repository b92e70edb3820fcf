package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.JdbcSourceType;
import java.util.List;

/** MySQL 5.7, 8.x and 9.x; 3306. */
public final class MySqlSourceType extends JdbcSourceType {

    public MySqlSourceType() {
        super("mysql", Text.of("dev.sessiondeck.core.source.mysql.messages", "type.mysql"), 3306, MySqlProtocol.INSTANCE,
                20, List.of(), info -> info.product() == Product.MYSQL);
    }
}
