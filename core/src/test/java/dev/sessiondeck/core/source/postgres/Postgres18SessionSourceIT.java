package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.testing.EmbeddedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenarios on the newest major, whose binaries are on the test class path. */
class Postgres18SessionSourceIT extends PostgresSessionSourceIT {

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
