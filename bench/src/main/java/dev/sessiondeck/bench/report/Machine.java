package dev.sessiondeck.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the benchmark runs on: read from {@code /proc} (Linux) and the JVM. */
public final class Machine {

    private Machine() {
    }

    /**
     * The soft limit on open files of this process ("Max open files" in {@code /proc/self/limits}).
     * The JVM raises its soft limit to the hard limit at start on Linux ({@code -XX:+MaxFDLimit},
     * the default), so this is what the benchmark can use; empty where unknown or unlimited.
     */
    public static OptionalLong openFileLimit() {
        // "Max open files            20000                20000                files": soft, hard, unit
        return limitsLine().map(l -> l.trim().split("\\s+")[0])
                .map(soft -> soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft)))
                .orElse(OptionalLong.empty());
    }

    private static Optional<String> limitsLine() {
        return lines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files")).findFirst()
                .map(l -> l.substring("Max open files".length()));
    }

    /** A {@code /proc/meminfo} value in MiB, e.g. "MemAvailable"; -1 where unknown. */
    public static long memInfoMiB(String key) {
        for (String l : lines(Path.of("/proc/meminfo"))) {
            if (l.startsWith(key + ":")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** One Markdown paragraph: CPU, cores, memory, JDK, OS, open-file limit. */
    public static String describe() {
        String cpu = lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return String.format("%d cores (%s), %d MiB memory (%d MiB available at start), %s %s (%s), %s %s,"
                        + " open-file limit of the benchmark process %s",
                Runtime.getRuntime().availableProcessors(), cpu, memInfoMiB("MemTotal"), memInfoMiB("MemAvailable"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                openFileLimit().isPresent() ? Long.toString(openFileLimit().getAsLong()) : "unlimited");
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
