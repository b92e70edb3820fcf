package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message bundle of the window and of core, in every resource folder, is complete in English
 * and Simplified Chinese: the same keys, the same {@link java.text.MessageFormat} arguments, quotes
 * written as the formatting needs them, and each bundle found again on the class path in both
 * languages. A key the window's code names literally exists.
 */
class BundlesTest {

    /** The resource folders of the app (main and test) and of core, from the app module's folder. */
    private static final List<Path> FOLDERS = List.of(Path.of("src/main/resources"), Path.of("src/test/resources"),
            Path.of("../core/src/main/resources"));

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    /** Every English bundle file ({@code messages.properties}) in the resource folders. */
    static Stream<Path> bundles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path folder : FOLDERS) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.filter(p -> p.getFileName().toString().equals("messages.properties")).sorted().forEach(out::add);
                }
            }
        }
        // app, app's test source, core's model, its shared failures, profiles and each kind of data source
        assertThat(out).hasSizeGreaterThanOrEqualTo(9);
        return out.stream();
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The argument numbers a pattern uses, without repeats. */
    static Set<String> arguments(String pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void bothLanguagesHaveTheSameKeysAndArguments(Path english) throws IOException {
        Path chinese = english.resolveSibling("messages_zh.properties");
        assertThat(chinese).as("the Chinese beside %s", english).exists();
        Properties en = load(english);
        Properties zh = load(chinese);
        assertThat(zh.stringPropertyNames()).as("keys of %s", chinese).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(zh.getProperty(key)).as("%s in %s", key, chinese).isNotBlank();
            assertThat(arguments(zh.getProperty(key))).as("arguments of %s in %s", key, chinese)
                    .isEqualTo(arguments(en.getProperty(key)));
        }
    }

    /**
     * A pattern with arguments goes through MessageFormat, where a lone quote starts a quoted part and
     * swallows the arguments after it ("it''s"); one without is shown as it is, where a doubled quote
     * would show twice.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void quotesAreWrittenAsTheFormattingReadsThem(Path english) throws IOException {
        for (Path file : List.of(english, english.resolveSibling("messages_zh.properties"))) {
            Properties p = load(file);
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                if (arguments(pattern).isEmpty()) {
                    assertThat(pattern).as("%s in %s (shown as it is)", key, file).doesNotContain("''");
                } else {
                    assertThat(pattern.replace("''", "")).as("%s in %s (formatted)", key, file).doesNotContain("'");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void theClassPathServesEachBundleInBothLanguages(Path english) throws IOException {
        Path folder = FOLDERS.stream().filter(english::startsWith).findFirst().orElseThrow();
        String base = folder.relativize(english.getParent()).toString().replace('/', '.').replace('\\', '.') + ".messages";
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle en = ResourceBundle.getBundle(base, Locale.ROOT, exact);
        ResourceBundle zh = ResourceBundle.getBundle(base, Locale.SIMPLIFIED_CHINESE, exact);
        assertThat(zh.getLocale().getLanguage()).as(base).isEqualTo("zh");
        assertThat(zh.keySet()).as(base).containsExactlyInAnyOrderElementsOf(en.keySet());
        assertThat(en.keySet()).as(base).containsExactlyInAnyOrderElementsOf(load(english).stringPropertyNames());
    }

    /** Every {@code Messages.get("key"...)} of the window names a key of its bundle. */
    @Test
    void everyKeyTheWindowNamesExists() throws IOException {
        Set<String> keys = load(Path.of("src/main/resources/dev/sessiondeck/app/support/messages.properties")).stringPropertyNames();
        Pattern call = Pattern.compile("Messages\\.get\\(\\s*\"([^\"]+)\"\\s*[,)]");
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    found++;
                    if (!keys.contains(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(found).isGreaterThan(150);
        assertThat(missing).isEmpty();
    }
}
