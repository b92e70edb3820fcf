package dev.sessiondeck.bench.servers;

import dev.sessiondeck.bench.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tools SessionDeck is compared with, as Debian packages: installed with {@code apt-get} when the
 * command is missing and this process runs as root on a Debian or Ubuntu machine.
 */
final class Peers {

    private Peers() {
    }

    /**
     * The path of {@code command}, installing {@code packages} first when it is not on the PATH.
     *
     * @throws IllegalStateException when it is missing and cannot be installed here
     */
    static String require(String command, String... packages) throws IOException, InterruptedException {
        Path found = which(command);
        if (found != null) {
            return found.toString();
        }
        if (!"root".equals(System.getProperty("user.name")) || which("apt-get") == null) {
            throw new IllegalStateException(command + " is missing: install " + String.join(", ", packages)
                    + " (Debian) and run the benchmark again");
        }
        Report.progress("installing %s for %s", String.join(" ", packages), command);
        run(List.of("apt-get", "update", "-qq"));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
        install.addAll(List.of(packages));
        run(install);
        found = which(command);
        if (found == null) {
            throw new IllegalStateException(command + " is still missing after installing " + String.join(", ", packages));
        }
        return found.toString();
    }

    private static Path which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs {@code command}, its output in a temporary file; killed with its children after 10 minutes. */
    private static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sessiondeck-peers", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
