package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Report;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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


    private final EmbeddedPostgres server;
    private final Path data;

    private BenchPostgres(EmbeddedPostgres server, Path data) {
        this.server = server;
        this.data = data;
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
        return new BenchPostgres(server, home.resolve("data"));
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
     * Stops the server at once: an immediate shutdown (SIGQUIT to the postmaster, PostgreSQL manual
     * "Shutting Down the Server"), since this server holds nothing worth keeping. Waiting for thousands
     * of closed connections' backends to end took up to two minutes of the ratios run, and zonky's
     * {@code pg_ctl stop} gives up after 5 s. What zonky's own stop then says (the server is gone) is
     * only reported.
     */
    @Override
    public void close() throws Exception {
        long start = System.nanoTime();
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!quit.waitFor(10, TimeUnit.SECONDS)) {
                quit.destroyForcibly();
            }
            java.util.Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isPresent()) {
                postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            Report.progress("postgres: no immediate shutdown (%s); stopping it the usual way", e);
        }
        try {
            server.close();
        } catch (Exception e) {
            Report.progress("postgres: stopped (%s)", e.getMessage());
        }
        Report.progress("postgres: stopped in %.1f s", (System.nanoTime() - start) / 1e9);
    }
}
