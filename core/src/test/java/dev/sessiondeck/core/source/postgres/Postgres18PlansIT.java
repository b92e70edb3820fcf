package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.testing.EmbeddedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans on the newest major: GENERIC_PLAN explains prepared statements. */
class Postgres18PlansIT extends PostgresPlansIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();

    @Override
    EmbeddedPostgres pg() {
        return PG;
    }

    @Override
    int major() {
        return 18;
    }
}
