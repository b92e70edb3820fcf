package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import dev.sessiondeck.core.source.mariadb.MariaDbSessionSource;
import dev.sessiondeck.core.source.oceanbase.OceanBaseAttributes;
import dev.sessiondeck.core.source.oceanbase.OceanBaseSessionSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every word core declares exists in English and in Simplified Chinese: a missing key would throw
 * {@link java.util.MissingResourceException} in the window, in whichever language lacks it.
 */
class TextsTest {

    private static final List<Locale> LOCALES = List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE);

    /** The classes that declare attributes, actions and fields as constants. */
    private static final List<Class<?>> DECLARING = List.of(StandardAttributes.class, OceanBaseAttributes.class,
            MariaDbSessionSource.class, SessionAction.class, OceanBaseSessionSource.class, ConnectionFields.class);

    /** Every static constant of {@code type} in the declaring classes, by "Class.FIELD". */
    private static <T> Map<String, T> constants(Class<T> type) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Class<?> c : DECLARING) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == type) {
                    try {
                        f.setAccessible(true);
                        out.put(c.getSimpleName() + "." + f.getName(), type.cast(f.get(null)));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return out;
    }

    /** Each text a field shows: its label, its hint, its choices' labels. */
    private static void addTexts(Map<String, Text> out, String where, InputField f) {
        out.put(where + " label", f.label());
        if (f.hint() != null) {
            out.put(where + " hint", f.hint());
        }
        for (InputField.Choice c : f.choices()) {
            out.put(where + " choice " + c.value(), c.label());
        }
    }

    /** Every declared text, by where it is declared. */
    static Map<String, Text> declaredTexts() {
        Map<String, Text> out = new LinkedHashMap<>();
        constants(Attribute.class).forEach((where, a) -> out.put(where + " title", a.title()));
        constants(SessionAction.class).forEach((where, a) -> {
            out.put(where + " title", a.title());
            out.put(where + " tip", a.tip());
            for (InputField f : a.parameters()) {
                addTexts(out, where + " parameter " + f.id(), f);
            }
        });
        constants(InputField.class).forEach((where, f) -> addTexts(out, where, f));
        for (SourceType t : SourceTypes.installed().all()) {
            out.put("type " + t.id(), t.displayName());
            for (InputField f : t.settings()) {
                addTexts(out, "type " + t.id() + " setting " + f.id(), f);
            }
        }
        return out;
    }

    @Test
    void theReflectionFindsTheDeclarations() {
        Map<String, Text> texts = declaredTexts();
        assertThat(texts).containsKeys("StandardAttributes.STAGE title", "OceanBaseAttributes.TRACE_SAMPLE title",
                "MariaDbSessionSource.MAX_STAGE title", "SessionAction.CLOSE_QUERY tip", "OceanBaseSessionSource.TRACE title",
                "OceanBaseSessionSource.TRACE parameter recordPolicy choice ONLY_SLOW_QUERY",
                "OceanBaseSessionSource.LEVEL hint", "ConnectionFields.CONNECT_TIMEOUT label", "type auto", "type postgresql");
        assertThat(constants(Attribute.class)).hasSizeGreaterThan(30);
    }

    static Stream<Arguments> everyDeclaredTextInEveryLanguage() {
        List<Arguments> out = new ArrayList<>();
        declaredTexts().forEach((where, text) -> LOCALES.forEach(l -> out.add(Arguments.of(where, text, l))));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in ''{2}''")
    @MethodSource("everyDeclaredTextInEveryLanguage")
    void everyDeclaredTextResolves(String where, Text text, Locale locale) {
        assertThatCode(() -> text.resolve(locale)).as(where).doesNotThrowAnyException();
        assertThat(text.resolve(locale)).as(where).isNotBlank();
    }

    @Test
    void chineseIsChineseWhereItCanBe() {
        assertThat(StandardAttributes.USER.title().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("用户");
        assertThat(StandardAttributes.USER.title().english()).isEqualTo("User");
        assertThat(SourceTypes.installed().require("auto").displayName().resolve(Locale.CHINESE)).isEqualTo("自动识别");
        // no fallback to the JVM's language: an English window on a Chinese system stays English
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(StandardAttributes.USER.title().resolve(Locale.ROOT)).isEqualTo("User");
            assertThat(StandardAttributes.USER.title().resolve(Locale.GERMAN)).isEqualTo("User");
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Every {@code messages*.properties} bundle of core, as the root bundle's path without ".properties". */
    static Stream<Path> bundles() throws IOException {
        Path resources = Path.of("src/main/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            List<Path> roots = files.filter(p -> p.getFileName().toString().equals("messages.properties")).sorted().toList();
            assertThat(roots).hasSizeGreaterThanOrEqualTo(5);
            return roots.stream();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void everyKeyOfOneLanguageIsInTheOther(Path english) throws IOException {
        Path chinese = english.resolveSibling("messages_zh.properties");
        assertThat(chinese).exists();
        Properties en = load(english);
        Properties zh = load(chinese);

        assertThat(zh.stringPropertyNames()).as("keys of %s", chinese).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(en.getProperty(key)).as("%s in %s", key, english).isNotBlank();
            assertThat(zh.getProperty(key)).as("%s in %s", key, chinese).isNotBlank();
            // the same arguments in both languages
            assertThat(arguments(zh.getProperty(key))).as("arguments of %s", key).isEqualTo(arguments(en.getProperty(key)));
        }
    }

    private static List<String> arguments(String pattern) {
        return java.util.regex.Pattern.compile("\\{\\d+}").matcher(pattern).results().map(m -> m.group()).sorted().toList();
    }

    @Test
    void noOtherLanguageFileHidesBesideThem() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("messages")))
                    .allMatch(n -> n.equals("messages.properties") || n.equals("messages_zh.properties"));
        }
    }

    /**
     * Every key core's code names literally ({@code Text.of(BUNDLE, "key")}, {@code SourceText.of("key")} and the
     * packages' {@code text("key")} / {@code words("key")}) is in one of core's bundles: a misspelt key would
     * throw in the window only when that failure happens.
     */
    @Test
    void everyKeyTheCodeNamesIsInABundle() throws IOException {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Path english : bundles().toList()) {
            keys.addAll(load(english).stringPropertyNames());
        }
        java.util.regex.Pattern call = java.util.regex.Pattern.compile(
                "(?:Text\\.of\\([\\w.\"]+,\\s*|SourceText\\.of\\(|(?:(?<![.\\w])|OneCAttributes\\.)text\\(|(?<![.\\w])words\\()\"([A-Za-z][\\w.]*)\"\\s*[,)]");
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher m = call.matcher(Files.readString(f));
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
