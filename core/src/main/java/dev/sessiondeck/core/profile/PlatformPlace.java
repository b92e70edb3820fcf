package dev.sessiondeck.core.profile;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A folder in each platform's place for one kind of file (configuration, logs): a Windows
 * environment variable, a folder under macOS's {@code ~/Library}, an XDG base directory on Linux and
 * the other Unix systems; a system property overrides all (tests, portable installs).
 *
 * @param overrideProperty the system property that names the folder outright
 * @param windowsVariable  the environment variable of the base folder on Windows ({@code APPDATA})
 * @param windowsFallback  the base folder under the home folder when that variable is not set
 * @param windowsFolder    the folders under the base on Windows
 * @param macFolder        the folders under the home folder on macOS
 * @param xdgVariable      the XDG variable of the base folder ({@code XDG_CONFIG_HOME}); a relative
 *                         value is ignored, as the XDG Base Directory Specification says
 * @param xdgFallback      the base folder under the home folder when that variable is not set
 * @param xdgFolder        the folders under the base elsewhere
 */
record PlatformPlace(String overrideProperty, String windowsVariable, List<String> windowsFallback,
                     List<String> windowsFolder, List<String> macFolder, String xdgVariable, List<String> xdgFallback,
                     List<String> xdgFolder) {

    /** The folder for this process. */
    Path resolve() {
        return resolve(System.getProperty(overrideProperty), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    Path resolve(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String base = env.get(windowsVariable);
            return under(base != null && !base.isBlank() ? Paths.get(base) : under(Paths.get(home), windowsFallback),
                    windowsFolder);
        }
        if (os.contains("mac")) {
            return under(Paths.get(home), macFolder);
        }
        String xdg = env.get(xdgVariable);
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return under(Paths.get(xdg), xdgFolder);
        }
        return under(under(Paths.get(home), xdgFallback), xdgFolder);
    }

    private static Path under(Path base, List<String> folders) {
        Path p = base;
        for (String f : folders) {
            p = p.resolve(f);
        }
        return p;
    }
}
