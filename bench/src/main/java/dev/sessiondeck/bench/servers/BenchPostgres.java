package dev.sessiondeck.bench.servers;

import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL (zonky) that accepts {@code maxConnections} backends, each a process of
 * its own, with small memory settings (PostgreSQL manual, "Resource Consumption"). zonky initialises
 * it with trust authentication for the bootstrap superuser {@code postgres}, who sees every session.
 */
final class BenchPostgres implements AutoCloseable {

    private static final String CLIENT_BACKENDS =
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'";

    private final EmbeddedPostgres server;

    private BenchPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static BenchPostgres start(Path home, int maxConnections) throws Exception {
        Files.createDirectories(home.resolve("binaries"));
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(home.resolve("binaries").toFile())
                .setDataDirectory(home.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", Integer.toString(maxConnections))
                .setServerConfig("shared_buffers", "32MB")
                .setServerConfig("work_mem", "64kB")
                .setServerConfig("maintenance_work_mem", "1MB")
                .setServerConfig("temp_buffers", "800kB")
                .setServerConfig("max_files_per_process", "64")
                .setServerConfig("huge_pages", "off")
                .setServerConfig("jit", "off")
                .setServerConfig("autovacuum", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new BenchPostgres(server);
    }

    ConnectionSpec spec() {
        return ConnectionSpec.builder().name("bench-postgres").type("postgresql").host("127.0.0.1")
                .port(server.getPort()).user("postgres").database("postgres").tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(10)).queryTimeout(Duration.ofSeconds(60)).build();
    }

    /** One cheap client backend of the crowd. */
    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        // startup parameters instead of SET statements after connecting
        p.setProperty("assumeMinServerVersion", "12");
        p.setProperty("ApplicationName", "bench-crowd");
        p.setProperty("connectTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", p);
    }

    /**
     * Stops the server once the crowd's backends have ended: each closed connection's process exits
     * on its own time, and zonky's {@code pg_ctl stop} gives up after 5 s, too short for thousands.
     */
    @Override
    public void close() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery(CLIENT_BACKENDS)) {
                    if (rs.next() && rs.getInt(1) <= 1) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
        }
        server.close();
    }
}
