package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.Product;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.JdbcSourceType;
import dev.sessiondeck.core.source.mysql.MySqlProtocol;
import java.util.List;

/** OceanBase in MySQL mode; 2881 is the OBServer's SQL port, OBProxy listens on 2883. */
public final class OceanBaseSourceType extends JdbcSourceType {

    public OceanBaseSourceType() {
        super("oceanbase", Text.of(OceanBaseAttributes.BUNDLE, "type.oceanbase"), 2881, MySqlProtocol.INSTANCE, 40,
                List.of("oceanbase"), info -> info.product() == Product.OCEANBASE_MYSQL
                        || info.product() == Product.OCEANBASE_ORACLE);
    }
}
