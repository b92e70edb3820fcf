package dev.sessiondeck.core.source.mysql;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.JdbcSourceType;
import java.util.List;

/**
 * "Detect automatically": speaks the MySQL protocol and lets the server tell whether it is MySQL,
 * MariaDB or OceanBase; {@code jdbc:mysql://} URLs get it, since MariaDB and OceanBase answer them too.
 */
public final class AutoSourceType extends JdbcSourceType {

    public AutoSourceType() {
        super("auto", Text.of("dev.sessiondeck.core.source.mysql.messages", "type.auto"), 3306, MySqlProtocol.INSTANCE,
                10, List.of("mysql"), info -> true);
    }
}
