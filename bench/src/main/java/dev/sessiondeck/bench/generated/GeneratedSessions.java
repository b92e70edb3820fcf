package dev.sessiondeck.bench.generated;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import dev.sessiondeck.core.model.StandardAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sessions as a busy MariaDB lists them, generated: about one in seven active with a statement of a
 * few hundred characters, the rest sleeping; 40 users, 200 client hosts, 20 databases. Generation
 * {@code g} is the listing {@code g} seconds later: 1 % of the sessions ended and as many new ones
 * connected, some went from sleeping to running or back, every time grew.
 */
public final class GeneratedSessions {

    private static final String[] USERS = new String[40];
    private static final String[] DATABASES = new String[20];
    private static final String[] STATEMENTS = {
        "SELECT o.id, o.customer_id, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.created_at > NOW() - INTERVAL 1 DAY AND o.status = 'OPEN' ORDER BY o.created_at DESC LIMIT 100",
        "UPDATE inventory SET reserved = reserved + 1 WHERE sku = 'SKU-000193' AND warehouse_id = 7",
        "INSERT INTO audit_log (actor, action, target, created_at) VALUES ('svc_orders', 'update', 'order:8812', NOW())",
        "SELECT SUM(amount) FROM payments WHERE merchant_id = 42 AND paid_at BETWEEN '2025-01-01' AND '2025-12-31'"
            + " GROUP BY DATE(paid_at) HAVING SUM(amount) > 1000",
        "DELETE FROM sessions_cache WHERE expires_at < NOW() LIMIT 5000",
    };

    static {
        String[] roles = {"app", "svc_orders", "svc_billing", "report", "etl_loader", "admin", "analyst", "batch"};
        for (int i = 0; i < USERS.length; i++) {
            USERS[i] = roles[i % roles.length] + (i < roles.length ? "" : "_" + i);
        }
        String[] names = {"shop", "billing", "inventory", "analytics", "auth"};
        for (int i = 0; i < DATABASES.length; i++) {
            DATABASES[i] = names[i % names.length] + "_" + (i / names.length);
        }
    }

    private GeneratedSessions() {
    }

    /** The {@code count} sessions of data source {@code dataSource} at generation {@code generation}. */
    public static List<Session> generate(String dataSource, int count, int generation) {
        List<Session> out = new ArrayList<>(count);
        long first = 1000L + (long) generation * count / 100;
        for (long id = first; id < first + count; id++) {
            out.add(session(dataSource, id, generation));
        }
        return out;
    }

    static Session session(String dataSource, long id, int generation) {
        boolean active = (id * 31 + generation) % 7 == 0;
        String user = USERS[(int) (id % USERS.length)];
        String host = "10.0." + (id % 200) / 50 + "." + id % 50 + ":" + (40000 + id % 20000);
        long queryId = id * 100 + generation;
        Session.Builder b = Session.builder(new SessionKey(dataSource, "", id, user + "@" + host,
                        active ? OptionalLong.of(queryId) : OptionalLong.empty()))
                .user(user)
                .source(host)
                .database(DATABASES[(int) (id % DATABASES.length)])
                .command(active ? "Query" : "Sleep")
                .state(active ? SessionState.ACTIVE : SessionState.IDLE)
                .executionTime(Duration.ofMillis((id % 600) * 1000 + generation * 1000L + id % 1000))
                .set(StandardAttributes.MEMORY, 80_000 + id % 50_000)
                .set(StandardAttributes.ROWS_EXAMINED, active ? id % 100_000 : 0L);
        if (active) {
            b.sql(STATEMENTS[(int) (id % STATEMENTS.length)]).set(StandardAttributes.QUERY_ID, queryId)
                    .set(StandardAttributes.STAGE, "Sending data");
        }
        return b.build();
    }
}
