package dev.sessiondeck.core.ssh;

import com.jcraft.jsch.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * The SSH connection's socket for JSch: connected within the connect timeout, {@code TCP_NODELAY},
 * and on Linux {@code TCP_QUICKACK} set again before every read.
 *
 * <p>Why: an SSH server does not switch Nagle's algorithm off on a connection without a terminal
 * (OpenSSH sets {@code TCP_NODELAY} for interactive sessions only), so it holds back a small packet
 * while the one before it is not yet acknowledged; the receiver's delayed ACK then waits up to
 * 40 ms. A listing of 1,000 sessions is a few dozen SSH packets smaller than a segment, and it took
 * 48 ms through the tunnel against 5 ms directly (docs/benchmarks.md, section 5). Acknowledging
 * at once removes the wait. Linux turns quick ACKs off again by itself, hence before every read;
 * elsewhere the option is not offered and nothing changes.
 */
final class QuickAckSockets implements SocketFactory {

    private final int connectTimeoutMillis;

    QuickAckSockets(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        if (!socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                quickAck();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                quickAck();
                return super.read(b, off, len);
            }

            private void quickAck() throws IOException {
                if (!socket.isClosed()) {
                    socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                }
            }
        };
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
    }
}
