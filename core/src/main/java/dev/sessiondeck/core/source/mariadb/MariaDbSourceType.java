package dev.sessiondeck.core.source.mariadb;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.JdbcSourceType;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import java.util.List;

/** MariaDB 10.x and 11.x, over the MySQL protocol; 3306. */
public final class MariaDbSourceType extends JdbcSourceType {

    public MariaDbSourceType() {
        super("mariadb", Text.of("dev.sessiondeck.core.source.mariadb.messages", "type.mariadb"), 3306,
                MySqlProtocol.INSTANCE, 30, List.of("mariadb"), info -> info.product() == Product.MARIADB);
    }
}
