package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Detect automatically" tells the protocol from the server's first bytes, against loopback servers of
 * our own that behave as a MySQL-family server (greets first), PostgreSQL (waits, answers the
 * SSLRequest) and neither. The real servers are in {@code AutoDetectionIT}.
 */
class ProtocolProbeTest {

    private static final Duration CONNECT = Duration.ofSeconds(3);

    /** One connection on a loopback port, handled by {@code server}; closed with the test. */
    private static final class OneShot implements AutoCloseable {
        final ServerSocket listener;
        final CompletableFuture<byte[]> received = new CompletableFuture<>();

        OneShot(ServerHandler server) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5_000);
                    received.complete(server.handle(s));
                } catch (IOException e) {
                    received.complete(new byte[0]);
                }
            }, "probe-test-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private interface ServerHandler {
        byte[] handle(Socket s) throws IOException;
    }

    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return Arrays.copyOf(b, got);
    }

    @Test
    void aServerThatGreetsWithHandshakeTenIsOfTheMysqlFamily() throws Exception {
        byte[] greeting = {0x4a, 0, 0, 0, 10, '1', '1', '.', '4', 0};
        try (OneShot server = new OneShot(s -> {
            s.getOutputStream().write(greeting);
            s.getOutputStream().flush();
            return readUpTo(s.getInputStream(), 1);
        })) {
            assertThat(ProtocolProbe.probe("127.0.0.1", server.port(), CONNECT)).isEqualTo(ProtocolProbe.Answer.MYSQL_FAMILY);
            assertThat(server.received.get(5, TimeUnit.SECONDS)).as("nothing is sent to a server that greeted").isEmpty();
        }
    }

    @Test
    void aMysqlServerThatRefusesThisHostStillCountsAsMysql() throws Exception {
        byte[] error = {0x10, 0, 0, 0, (byte) 0xff, 0x6a, 0x04, 'H', 'o', 's', 't'};
        try (OneShot server = new OneShot(s -> {
            s.getOutputStream().write(error);
            return new byte[0];
        })) {
            assertThat(ProtocolProbe.probe("127.0.0.1", server.port(), CONNECT)).isEqualTo(ProtocolProbe.Answer.MYSQL_FAMILY);
        }
    }

    @Test
    void aServerThatWaitsAndAnswersTheSslRequestIsPostgresql() throws Exception {
        try (OneShot server = new OneShot(s -> {
            byte[] request = readUpTo(s.getInputStream(), 8);
            s.getOutputStream().write('N');
            s.getOutputStream().flush();
            return request;
        })) {
            assertThat(ProtocolProbe.probe("127.0.0.1", server.port(), CONNECT)).isEqualTo(ProtocolProbe.Answer.POSTGRESQL);
            assertThat(server.received.get(5, TimeUnit.SECONDS)).as("only an SSLRequest is sent: no login, no password")
                    .containsExactly(0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f);
        }
    }

    @Test
    void aServerThatSaysSomethingElseIsUnknown() throws Exception {
        try (OneShot server = new OneShot(s -> {
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes());
            return new byte[0];
        })) {
            assertThat(ProtocolProbe.probe("127.0.0.1", server.port(), CONNECT)).isEqualTo(ProtocolProbe.Answer.UNKNOWN);
        }
    }

    @Test
    void aSilentListenerTimesOutWithinTheConnectTimeout() throws Exception {
        try (OneShot server = new OneShot(s -> readUpTo(s.getInputStream(), 64))) {
            long start = System.nanoTime();
            ProtocolProbe.Answer answer = null;
            try {
                answer = ProtocolProbe.probe("127.0.0.1", server.port(), Duration.ofSeconds(2));
            } catch (SourceException e) {
                assertThat(e.kind()).isEqualTo(SourceException.Kind.TIMEOUT);
            }
            assertThat(answer).isIn(null, ProtocolProbe.Answer.UNKNOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the connect timeout")
                    .isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> ProtocolProbe.probe("127.0.0.1", port, CONNECT)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE));
    }
}
