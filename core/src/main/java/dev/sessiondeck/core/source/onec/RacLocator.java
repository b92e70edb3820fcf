package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds 1C's {@code rac}: the path the data source names; else the {@value #ENVIRONMENT} environment
 * variable; else the platform's standard install folders, newest version first (Linux
 * {@code /opt/1cv8/<arch>/<version>/rac}, older {@code /opt/1C/v8.3/<arch>/rac}; Windows
 * {@code C:\Program Files\1cv8\<version>\bin\rac.exe}, also under {@code Program Files (x86)});
 * else the {@code PATH}. When there is none, the failure says everywhere it looked.
 */
final class RacLocator {

    static final String ENVIRONMENT = "SESSIONDECK_RAC";

    private final Map<String, String> env;
    private final boolean windows;
    private final List<Path> linuxRoots;
    private final List<Path> windowsRoots;

    /**
     * @param env          the environment ({@code System.getenv()})
     * @param windows      true on Windows
     * @param linuxRoots   {@code /opt/1cv8} and {@code /opt/1C/v8.3} (tests give folders of their own)
     * @param windowsRoots {@code C:\Program Files\1cv8} and its (x86) twin
     */
    RacLocator(Map<String, String> env, boolean windows, List<Path> linuxRoots, List<Path> windowsRoots) {
        this.env = env;
        this.windows = windows;
        this.linuxRoots = linuxRoots;
        this.windowsRoots = windowsRoots;
    }

    /** For this machine. */
    static RacLocator system() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        String pf = System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files");
        String pf86 = System.getenv().getOrDefault("ProgramFiles(x86)", "C:\\Program Files (x86)");
        return new RacLocator(System.getenv(), windows, List.of(Path.of("/opt/1cv8"), Path.of("/opt/1C/v8.3")),
                List.of(Path.of(pf, "1cv8"), Path.of(pf86, "1cv8")));
    }

    /**
     * @param configured the data source's own path, if any
     * @throws SourceException {@code UNSUPPORTED} naming where it looked, when no rac is found
     */
    Path find(Optional<String> configured) throws SourceException {
        List<String> looked = new ArrayList<>();
        if (configured.isPresent()) {
            Path p = Path.of(configured.get());
            if (executable(p)) {
                return p;
            }
            throw new SourceException(Kind.UNSUPPORTED, OneCAttributes.text(Files.exists(p) ? "rac.notExecutable" : "rac.notAt")
                    .with(p.toString()));
        }
        String fromEnv = env.get(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv.strip());
            if (executable(p)) {
                return p;
            }
            looked.add(ENVIRONMENT + "=" + p);
        } else {
            looked.add(ENVIRONMENT + " (not set)");
        }
        for (Path candidate : installed(looked)) {
            if (executable(candidate)) {
                return candidate;
            }
        }
        String name = windows ? "rac.exe" : "rac";
        String path = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path p = Path.of(dir.strip(), name);
                if (executable(p)) {
                    return p;
                }
            }
        }
        looked.add("the PATH");
        throw new SourceException(Kind.UNSUPPORTED, OneCAttributes.text("rac.notFound").with(String.join(", ", looked)));
    }

    /** The standard install places, newest version first; each folder looked in is noted. */
    private List<Path> installed(List<String> looked) {
        List<Path> out = new ArrayList<>();
        if (windows) {
            for (Path root : windowsRoots) {
                looked.add(root.resolve("<version>").resolve("bin").resolve("rac.exe").toString());
                versions(root).forEach(v -> out.add(v.resolve("bin").resolve("rac.exe")));
            }
            return out;
        }
        for (Path root : linuxRoots) {
            looked.add(root.resolve("<arch>").resolve("<version>").resolve("rac") + " and " + root.resolve("<arch>").resolve("rac"));
            for (String arch : List.of("x86_64", "aarch64", "i386")) {
                Path archDir = root.resolve(arch);
                versions(archDir).forEach(v -> out.add(v.resolve("rac")));
                out.add(archDir.resolve("rac"));
            }
        }
        return out;
    }

    /** The version folders (8.3.24.1691 ...) in {@code dir}, newest first. */
    private static List<Path> versions(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)+"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), RacLocator::compareVersions).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Dotted versions compared part by part as numbers: 8.3.24.1691 after 8.3.9.2170. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? Long.parseLong(x[i]) : 0;
            long yi = i < y.length ? Long.parseLong(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
