package dev.sessiondeck.bench.servers;

import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshHostKey;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}, installed by {@code .ci/install-deps.sh}) on a
 * loopback port with a host key and a user key made for the run, for the tunnel benchmark: the user
 * running the benchmark logs in with the key, and the host key is pinned in the tunnel's spec.
 */
final class BenchSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final Path dir;
    private final int port;

    private BenchSshd(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static BenchSshd start(Path home) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IOException(SSHD + " is missing: run .ci/install-deps.sh as root (openssh-server)");
        }
        Files.createDirectories(home);
        for (String key : new String[] {"host", "id", "host.pub", "id.pub"}) {
            Files.deleteIfExists(home.resolve(key));
        }
        keygen("ed25519", home.resolve("host"));
        keygen("ecdsa", home.resolve("id"));
        Files.copy(home.resolve("id.pub"), home.resolve("authorized_keys"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = home.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "ListenAddress 127.0.0.1", "Port " + port,
                "HostKey " + home.resolve("host"), "AuthorizedKeysFile " + home.resolve("authorized_keys"),
                "PidFile " + home.resolve("sshd.pid"), "UsePAM no", "StrictModes no", "PermitRootLogin yes",
                "PasswordAuthentication no", "AllowTcpForwarding yes", "LogLevel ERROR", ""));
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("sshd ended at once: " + Files.readString(home.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new BenchSshd(p, home, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("sshd did not listen within 10 s");
    }

    private static void keygen(String type, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
    }

    /** The tunnel to log in with the run's key, the host key pinned. */
    SshTunnelSpec tunnel() throws IOException {
        String[] pub = Files.readString(dir.resolve("host.pub")).strip().split("\\s+");
        return SshTunnelSpec.builder().host("127.0.0.1").port(port).user(System.getProperty("user.name"))
                .auth(SshAuth.KEY).keyFile(dir.resolve("id").toString())
                .hostKey(SshHostKey.of(Base64.getDecoder().decode(pub[1]))).build();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
