package dev.sessiondeck.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server on 127.0.0.1, for fault tests: it forwards bytes as
 * they come, and on request misbehaves the way a failing network or server does. Traffic never leaves
 * loopback. Close it after the test; its threads are daemons.
 *
 * <ul>
 *   <li>{@link #pass()}: forwards (the start).</li>
 *   <li>{@link #stall()}: every connection, open or new, stops forwarding in both directions and the
 *       bytes are held: a server that went silent, a black-holed route.</li>
 *   <li>{@link #stallWhenClientSends(String)}: a connection stalls from the moment the client sends
 *       the given text (a query on the wire): a server that hangs mid-listing or right after login.</li>
 *   <li>{@link #drop()}: resets every open connection: the server was killed or the link broke.</li>
 *   <li>{@link #refuse()}: new connections are reset at once: the server is down.</li>
 *   <li>{@link #answerWhenClientSends(String, byte[])}: instead of forwarding the client's bytes that
 *       contain the text, it answers them with the given bytes itself and from then on records what
 *       the client sends ({@link #recorded()}): a rogue server.</li>
 * </ul>
 *
 * <p>A stalled connection still notices its client closing it, and then closes its server side too:
 * {@link #openConnections()} counts what clients hold open, and a server session whose client gave
 * up ends as it would without the proxy.
 */
public final class LoopbackProxy implements AutoCloseable {

    private enum Mode { PASS, STALL, REFUSE }

    /** How often a pump looks up from a quiet socket: to forward held bytes, or to notice a reset. */
    private static final int POLL_MILLIS = 20;

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private volatile Mode mode = Mode.PASS;
    private volatile String stallTrigger;
    private volatile String answerTrigger;
    private volatile byte[] answer;

    private LoopbackProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::acceptLoop, "loopback-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Starts a proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
    public static LoopbackProxy to(int targetPort) throws IOException {
        return new LoopbackProxy(targetPort);
    }

    /** The loopback port to connect to instead of the server's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Forwards again; connections stalled by a trigger stay stalled. */
    public LoopbackProxy pass() {
        stallTrigger = null;
        answerTrigger = null;
        mode = Mode.PASS;
        return this;
    }

    /** Holds every byte of every connection, open or new, until {@link #pass()}. */
    public LoopbackProxy stall() {
        mode = Mode.STALL;
        return this;
    }

    /** Resets new connections at once, until {@link #pass()}. Open ones are left as they are. */
    public LoopbackProxy refuse() {
        mode = Mode.REFUSE;
        return this;
    }

    /** Stalls a connection for good from the moment its client sends bytes containing {@code text} (ASCII). */
    public LoopbackProxy stallWhenClientSends(String text) {
        stallTrigger = text;
        return this;
    }

    /**
     * When a client sends bytes containing {@code text}, answers them with {@code reply} instead of
     * forwarding them, and records everything that client sends afterwards.
     */
    public LoopbackProxy answerWhenClientSends(String text, byte[] reply) {
        answer = reply.clone();
        answerTrigger = text;
        return this;
    }

    /** Resets every open connection (RST), as a killed server or a broken link does. */
    public LoopbackProxy drop() {
        for (Link l : links) {
            l.reset();
        }
        return this;
    }

    /** What clients sent after a rogue answer. */
    public byte[] recorded() {
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return (int) links.stream().filter(l -> !l.closed).count();
    }

    /** Open connections that a {@link #stallWhenClientSends(String) trigger} stalled. */
    public int stalledConnections() {
        return (int) links.stream().filter(l -> l.stalled && !l.closed).count();
    }

    /** Connections accepted since the start. */
    public int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        drop();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                if (mode == Mode.REFUSE) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException e) {
                    client.setSoLinger(true, 0);
                    client.close();
                    server.close();
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One client connection and its server connection, pumped by two threads. */
    private final class Link {
        final Socket client;
        final Socket server;
        volatile boolean stalled;
        volatile boolean intercepted;
        volatile boolean closed;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            thread(() -> pump(true), "c2s");
            thread(() -> pump(false), "s2c");
        }

        private void thread(Runnable r, String what) {
            Thread t = new Thread(r, "loopback-proxy-" + port() + "-" + what);
            t.setDaemon(true);
            t.start();
        }

        private boolean holding() {
            return stalled || mode == Mode.STALL;
        }

        /**
         * Reads one side and writes the other. Why it keeps reading while the link stalls (holding
         * the bytes instead of forwarding them): so that it still sees the client close its end, as
         * a pool does when it gives up on a connection; the link then closes, and
         * {@link #openConnections()} counts only what clients still hold open. The short read
         * timeout lets it forward what it held as soon as a {@link #stall()} ends.
         */
        private void pump(boolean fromClient) {
            byte[] buf = new byte[64 * 1024];
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            try {
                Socket from = fromClient ? client : server;
                from.setSoTimeout(POLL_MILLIS);
                InputStream in = from.getInputStream();
                OutputStream out = (fromClient ? server : client).getOutputStream();
                while (!closed) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException quiet) {
                        n = 0;
                    }
                    if (n < 0) {
                        return;
                    }
                    if (n > 0 && (fromClient ? fromClient(buf, n) : !intercepted)) {
                        held.write(buf, 0, n);
                    }
                    if (held.size() > 0 && !holding()) {
                        write(out, held.toByteArray());
                        held.reset();
                    }
                }
            } catch (IOException e) {
                // the other side went away, or the test reset the link
            } finally {
                reset();
            }
        }

        /** Looks at bytes the client sent; true when they are to be forwarded (now or after a stall). */
        private boolean fromClient(byte[] buf, int n) throws IOException {
            if (intercepted) {
                synchronized (recorded) {
                    recorded.write(buf, 0, n);
                }
                return false;
            }
            String seen = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            String answerOn = answerTrigger;
            if (answerOn != null && seen.contains(answerOn)) {
                intercepted = true; // from now on the server's bytes are dropped: the rogue answer replaces them
                write(client.getOutputStream(), answer);
                return false;
            }
            String stallOn = stallTrigger;
            if (stallOn != null && seen.contains(stallOn)) {
                stalled = true;
            }
            return true;
        }

        /** Both pumps may write to the client (the rogue answer), one write at a time. */
        private void write(OutputStream out, byte[] bytes) throws IOException {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        }

        void reset() {
            if (closed) {
                return;
            }
            closed = true;
            for (Socket s : new Socket[] {client, server}) {
                try {
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
