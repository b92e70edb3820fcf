package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.testing.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plans on the oldest supported major, before GENERIC_PLAN (16): a prepared statement's plan is
 * unavailable in words. Its binaries as for {@link Postgres12SessionSourceIT}.
 */
class Postgres12PlansIT extends PostgresPlansIT {

    private static final String BINARIES = "sessiondeck.postgres.oldestBinaries";

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromJar(Path.of(Objects.requireNonNull(System.getProperty(BINARIES),
            BINARIES + " is not set: run this test through Maven (mvn -pl core verify), which copies the binaries")));

    @Override
    EmbeddedPostgres pg() {
        return PG;
    }

    @Override
    int major() {
        return 12;
    }
}
