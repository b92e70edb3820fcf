package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.testing.Victim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault scenarios of {@link FaultSuiteIT} against a real MariaDB server (each bound is the connect
 * or query timeout's, not Connector/J's old 12 s backstop), and what is MariaDB's own: that neither a
 * rogue server (the proxy answering the listing in the server's place) asking for a local file
 * ({@code LOAD DATA LOCAL INFILE}) nor a spec's driver properties can make SessionDeck send one, while
 * a driver set to allow it does; that a kill after {@code PROCESS} was revoked names the
 * {@code CONNECTION_ADMIN} it needs, and one from a new login after {@code PROCESS, CONNECTION ADMIN}
 * were revoked names {@code PROCESS} instead of calling the session ended; and that the limited view
 * names the missing {@code PROCESS}.
 */
class MariaDbFaultIT extends FaultSuiteIT {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Override
    String type() {
        return "mariadb";
    }

    @Override
    int port() {
        return DB.port();
    }

    @Override
    Connection connectAsSuperuser() throws SQLException {
        return DB.connectRoot();
    }

    @Override
    ConnectionSpec spec(String name, String account, String password) {
        return DB.spec(name, account, password);
    }

    @Override
    ConnectionSpec adminSpec() {
        return DB.adminSpec();
    }

    @Override
    ConnectionSpec plainSpec() {
        return DB.plainSpec();
    }

    @Override
    String jdbcUrl(String query) {
        return "jdbc:mysql://127.0.0.1:" + DB.port() + "/?" + query;
    }

    @Override
    String listing() {
        return "FROM information_schema.PROCESSLIST";
    }

    @Override
    String sleep() {
        return "SELECT SLEEP(60)";
    }

    @Override
    Victim startAsPlain(String sql) throws SQLException {
        return Victim.start(DB, EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD, sql);
    }

    @Override
    String createAccountSql(String account, String password) {
        return "CREATE USER '" + account + "'@'%' IDENTIFIED BY '" + password + "'";
    }

    @Override
    String grantSql(String privileges, String account) {
        return "GRANT " + privileges + " ON *.* TO '" + account + "'@'%'";
    }

    @Override
    String revokeSql(String privileges, String account) {
        return "REVOKE " + privileges + " ON *.* FROM '" + account + "'@'%'";
    }

    @Override
    String dropAccountSql(String account) {
        return "DROP USER IF EXISTS '" + account + "'@'%'";
    }

    @Override
    String terminateSql(long id) {
        return "KILL CONNECTION " + id;
    }

    @Override
    String countSessionsOfAccountSql() {
        return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?";
    }

    @Override
    String countSessionsWithIdSql() {
        return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?";
    }

    /** The watcher lists every session. */
    @Override
    String watcherPrivileges() {
        return "PROCESS";
    }

    @Override
    String viewPrivilege() {
        return "PROCESS";
    }

    @Override
    Stream<String> firstStatementsAfterLogin() {
        return Stream.of(
                // Connector/J's first statement after authentication: it reads the server's variables
                "@@session.auto_increment_increment",
                // SessionDeck's first question: what the server is (MySqlProtocol.DETECT)
                "@@version_comment");
    }

    @Override
    Set<Kind> kindsOfAStallAfterLogin() {
        return EnumSet.of(Kind.TIMEOUT);
    }

    /** Properties that arm a rogue server: they let it read local files or URLs, or run code in the client. */
    @Override
    Stream<String> refusedDriverProperties() {
        return Stream.of("allowLoadLocalInfile", "allowLocalInfile", "allowUrlInLocalInfile", "autoDeserialize",
                "queryInterceptors", "allowLoadLocalInfileInPath", "ALLOWLOADLOCALINFILE");
    }

    /** PROCESS lists everybody's sessions; killing another user's needs CONNECTION ADMIN or SUPER. */
    @Override
    Stream<Revocation> revocationsWhileListing() {
        return Stream.of(new Revocation("PROCESS", "PROCESS", "CONNECTION_ADMIN"));
    }

    /** A MySQL protocol packet: 3-byte little-endian payload length, the sequence id, the payload. */
    private static byte[] packet(int sequenceId, byte[] payload) {
        byte[] p = new byte[4 + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >>> 8);
        p[2] = (byte) (payload.length >>> 16);
        p[3] = (byte) sequenceId;
        System.arraycopy(payload, 0, p, 4, payload.length);
        return p;
    }

    /** The server's answer to a query that makes the client send a file: 0xFB, then the file's path (LOAD DATA LOCAL INFILE). */
    private static byte[] localInfileRequest(Path file) {
        byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + path.length];
        payload[0] = (byte) 0xFB;
        System.arraycopy(path, 0, payload, 1, path.length);
        return packet(1, payload);
    }

    /** A private file whose content is {@code marker}, and the proxy set to answer the listing with a request for it. */
    private void answerTheListingWithARequestFor(Path dir, String marker) throws Exception {
        Path file = Files.writeString(dir.resolve("private.txt"), marker);
        proxy.answerWhenClientSends(listing(), localInfileRequest(file));
    }

    @Test
    void rogueServerAskingForALocalFileGetsNone(@TempDir Path dir) throws Exception {
        String marker = "sessiondeck-private-" + UUID.randomUUID();
        String name = sourceName("rogue");
        SessionSource source = open(throughProxy(name));
        try {
            answerTheListingWithARequestFor(dir, marker);

            SourceException e = failsWithin(QUERY_TIMEOUT.plusSeconds(4), source::snapshot);

            assertNoPassword(e);
            assertThat(new String(proxy.recorded(), StandardCharsets.ISO_8859_1)).doesNotContain(marker);
        } finally {
            source.close();
        }
        assertNothingLeftOf(name);
    }

    /** The check above can fail: a driver set to allow it does send the file to the same rogue answer. */
    @Test
    void rogueAnswerGetsTheFileFromADriverThatAllowsLocalInfile(@TempDir Path dir) throws Exception {
        String marker = "sessiondeck-private-" + UUID.randomUUID();
        answerTheListingWithARequestFor(dir, marker);
        Properties p = new Properties();
        p.setProperty("user", WATCHER);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslMode", "DISABLED");
        p.setProperty("allowLoadLocalInfile", "true");
        p.setProperty("socketTimeout", "2000");
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port() + "/", p);
             Statement st = c.createStatement()) {
            catchThrowableOfType(SQLException.class, () -> st.executeQuery("SELECT ID " + listing()));
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> new String(proxy.recorded(), StandardCharsets.ISO_8859_1).contains(marker));
    }

    @Test
    void killAfterReconnectingWithoutProcessIsRefusedForLackOfProcessNotCalledEnded() throws Exception {
        // could list and kill everybody's sessions, until both were revoked
        String user = createAccount("deck_killer_" + SUFFIX, "PROCESS, CONNECTION ADMIN");
        ConnectionSpec spec = spec(sourceName("reconnected"), user, PASSWORD);
        try (Victim victim = startVictim()) {
            Session target;
            try (SessionSource before = open(spec)) {
                target = awaitRunning(before, victim.threadId());
            }
            asSuperuser(revokeSql("PROCESS, CONNECTION ADMIN", user));

            // MariaDB applies a revoked global privilege to new logins: SessionDeck's next connection
            try (SessionSource after = open(spec)) {
                assertKillRefusedForLackOf("PROCESS", after, target, victim);
            }
        }
    }
}
