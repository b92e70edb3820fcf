package dev.sessiondeck.bench.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a server on loopback that can stop answering: after
 * {@link #blackHole()} it keeps every connection open, accepts new ones, and passes no byte in either
 * direction, as a server that hangs or a network that drops everything does.
 */
final class BlackHoleProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean holing;

    private BlackHoleProxy(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy on 127.0.0.1, a port of the system's choice, to {@code targetPort} on 127.0.0.1. */
    static BlackHoleProxy start(int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        BlackHoleProxy p = new BlackHoleProxy(listener, targetPort);
        Thread accept = new Thread(p::accept, "black-hole-accept");
        accept.setDaemon(true);
        accept.start();
        return p;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes. */
    void blackHole() {
        holing = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (holing) {
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // closed, or the server refused: the client's socket ends with it
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (holing) {
                        Thread.sleep(1_000);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // either side closed
            }
        }, "black-hole-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
