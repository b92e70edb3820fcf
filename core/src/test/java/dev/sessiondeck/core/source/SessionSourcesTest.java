package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.source.mariadb.MariaDbSessionSourceProvider;
import dev.sessiondeck.core.source.mysql.MySqlSessionSourceProvider;
import org.junit.jupiter.api.Test;

class SessionSourcesTest {

    @Test
    void findsTheProvidersAndAsksMariaDbBeforeMySql() {
        java.util.List<Object> order = SessionSources.loaded().providers().stream().map(p -> (Object) p.getClass()).toList();

        assertThat(order).contains(MariaDbSessionSourceProvider.class, MySqlSessionSourceProvider.class);
        assertThat(order.indexOf(MariaDbSessionSourceProvider.class))
                .isLessThan(order.indexOf(MySqlSessionSourceProvider.class));
    }
}
