package dev.sessiondeck.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Tells which wire protocol a server speaks from its first bytes, for "Detect automatically": a
 * server of the MySQL family greets first (its handshake packet: a 3-byte length, sequence 0, then
 * protocol version 10, or an error packet 0xFF when it refuses this host), while PostgreSQL waits
 * for the client; asked with an {@code SSLRequest} (the PostgreSQL manual, "Message Formats") it
 * answers one byte, {@code S} or {@code N}. Nothing is logged in and nothing but that request is
 * sent. Every step is bounded by the connect timeout.
 */
public final class ProtocolProbe {

    /** What the server is. */
    public enum Answer {
        /** MySQL, MariaDB, OceanBase (or OBProxy): it greeted. */
        MYSQL_FAMILY,
        /** PostgreSQL: it waited, then answered the SSLRequest. */
        POSTGRESQL,
        /** Neither: it said something else, or nothing. */
        UNKNOWN
    }

    /** How long a MySQL-family server is given to greet before the PostgreSQL question is asked. */
    static final Duration GREETING = Duration.ofMillis(1500);
    /** PostgreSQL's SSLRequest: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 4, (byte) 0xd2, 0x16, 0x2f};

    private ProtocolProbe() {
    }

    /**
     * @return what answered; {@link Answer#UNKNOWN} also when the server closed or reset the
     *         connection before saying what it is
     * @throws SourceException {@code UNREACHABLE} when no server answers the connect (unknown host,
     *                         refused, any other failure to connect), {@code TIMEOUT} when the connect
     *                         does not finish in time
     */
    public static Answer probe(String host, int port, Duration connectTimeout) throws SourceException {
        String where = host + ":" + port;
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        boolean connected = false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            connected = true;
            InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) Math.max(1, Math.min(GREETING.toMillis(), remaining(deadline))));
            try {
                int first = in.read();
                return first < 0 ? Answer.UNKNOWN : greeting(first, in);
            } catch (SocketTimeoutException quiet) {
                // it waits for the client: ask it as PostgreSQL
            }
            long left = remaining(deadline);
            if (left <= 0) {
                return Answer.UNKNOWN;
            }
            OutputStream out = socket.getOutputStream();
            out.write(SSL_REQUEST);
            out.flush();
            socket.setSoTimeout((int) left);
            int answer = in.read();
            return answer == 'S' || answer == 'N' ? Answer.POSTGRESQL : Answer.UNKNOWN;
        } catch (UnknownHostException e) {
            throw new SourceException(SourceException.Kind.UNREACHABLE, SourceText.of("failure.unknownHost",
                    SourceText.of("what.connect", where), host), e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new SourceException(SourceException.Kind.UNREACHABLE, SourceText.of("failure.refused",
                    SourceText.of("what.connect", where), String.valueOf(e.getMessage())), e);
        } catch (SocketTimeoutException e) {
            throw new SourceException(SourceException.Kind.TIMEOUT, SourceText.of("failure.noAnswer",
                    SourceText.of("what.connect", where)), e);
        } catch (IOException e) {
            if (!connected) {
                // any other failure to connect ("network is unreachable", a socket the system refuses)
                throw new SourceException(SourceException.Kind.UNREACHABLE, "Cannot connect to " + where + ": "
                        + e.getMessage(), e);
            }
            // connected, then the server closed or reset before saying what it is
            return Answer.UNKNOWN;
        }
    }

    /** The first bytes of a MySQL handshake: length (3 bytes), sequence 0, then version 10 or an error. */
    private static Answer greeting(int first, InputStream in) throws IOException {
        byte[] rest = new byte[4];
        int n = 0;
        while (n < rest.length) {
            int r = in.read(rest, n, rest.length - n);
            if (r < 0) {
                return Answer.UNKNOWN;
            }
            n += r;
        }
        int sequence = rest[2];
        int kind = rest[3] & 0xff;
        return sequence == 0 && (kind == 10 || kind == 0xff) ? Answer.MYSQL_FAMILY : Answer.UNKNOWN;
    }

    private static long remaining(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }
}
