package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.testing.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scenarios on the oldest supported major, which lacks {@code leader_pid} (13) and
 * {@code query_id} (14). Its binaries jar is copied to {@code target/postgres-binaries/} by
 * maven-dependency-plugin; failsafe passes its path as {@code sessiondeck.postgres.oldestBinaries}.
 */
class Postgres12SessionSourceIT extends PostgresSessionSourceIT {

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
