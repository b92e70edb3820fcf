package dev.sessiondeck.core.model;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as up to four numbers ({@code 4.2.1.0}); missing parts are 0.
 *
 * @param major the first number
 * @param minor the second number
 * @param patch the third number
 * @param build the fourth number (OceanBase writes four: {@code 4.2.1.0})
 */
public record Version(int major, int minor, int patch, int build) implements Comparable<Version> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?");
    private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major)
            .thenComparingInt(Version::minor).thenComparingInt(Version::patch).thenComparingInt(Version::build);

    public static final Version UNKNOWN = new Version(0, 0, 0, 0);

    public Version {
        if (major < 0 || minor < 0 || patch < 0 || build < 0) {
            throw new IllegalArgumentException("version numbers cannot be negative: " + major + "." + minor + "." + patch + "." + build);
        }
    }

    public static Version of(int major, int minor, int patch) {
        return new Version(major, minor, patch, 0);
    }

    public static Version of(int major, int minor, int patch, int build) {
        return new Version(major, minor, patch, build);
    }

    /**
     * Reads the first run of dotted numbers in {@code text} ("8.0.36-log" gives 8.0.36).
     *
     * @throws IllegalArgumentException when {@code text} holds no number
     */
    public static Version parse(String text) {
        Matcher m = NUMBERS.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        return new Version(part(m.group(1)), part(m.group(2)), part(m.group(3)), part(m.group(4)));
    }

    private static int part(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    public boolean atLeast(Version other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(int major, int minor, int patch) {
        return atLeast(of(major, minor, patch));
    }

    @Override
    public int compareTo(Version o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return build == 0 ? major + "." + minor + "." + patch : major + "." + minor + "." + patch + "." + build;
    }
}
