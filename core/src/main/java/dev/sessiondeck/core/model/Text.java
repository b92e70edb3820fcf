package dev.sessiondeck.core.model;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Words for a person, kept as a message key in a resource bundle so that the window can show them in
 * its language: core names what it means, the app words it. Each kind of data source keeps its words
 * in a bundle of its own package ({@code messages.properties}, {@code messages_zh.properties}).
 *
 * @param bundle the bundle's base name, e.g. {@code dev.sessiondeck.core.source.oceanbase.messages}
 * @param key    the key in that bundle
 * @param args   {@link MessageFormat} arguments ({@code {0}}, ...), none for a plain text; a {@code Text}
 *               among them is worded in the same language
 */
public record Text(String bundle, String key, List<Object> args) {

    public Text {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /** A text without arguments. */
    public static Text of(String bundle, String key) {
        return new Text(bundle, key, List.of());
    }

    /** The bundle of core's own words (the model's and the shared failures'). */
    public static final String CORE = "dev.sessiondeck.core.model.messages";

    /**
     * Words that are the same in every language: a server's or a program's own message, or a name. As
     * an argument of another text it keeps a frame translated around foreign words.
     */
    public static Text verbatim(String words) {
        return of(CORE, "verbatim").with(Objects.requireNonNull(words, "words"));
    }

    /**
     * The same text with {@code target} replaced by {@code replacement} in every argument that is
     * words (and in the texts among them): an address that is true only inside this process, such as
     * an SSH tunnel's loopback end, worded as the user knows it.
     */
    public Text replacing(String target, String replacement) {
        return new Text(bundle, key, args.stream().map(a -> a instanceof Text t ? t.replacing(target, replacement)
                : a instanceof String s ? s.replace(target, replacement) : a).toList());
    }

    /** The parts one after the other, separated as the language separates clauses ("a; b"); blank for none. */
    public static Text join(List<Text> parts) {
        return parts.stream().reduce((a, b) -> of(CORE, "parts").with(a, b)).orElse(verbatim(""));
    }

    /** The same text with arguments. */
    public Text with(Object... arguments) {
        return new Text(bundle, key, List.of(arguments));
    }

    /**
     * The words in {@code locale} ({@code zh} or the root bundle, English); without a fallback to
     * the JVM's default locale, so that an English window on a Chinese system stays English.
     *
     * @throws MissingResourceException when the bundle or the key is missing (a programming error;
     *                                  a test checks every declared text)
     */
    public String resolve(Locale locale) {
        ResourceBundle b = ResourceBundle.getBundle(bundle, locale, Text.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern = b.getString(key);
        if (args.isEmpty()) {
            return pattern;
        }
        // a text among the arguments (a field's label) is worded in the same language
        Object[] resolved = args.stream().map(a -> a instanceof Text t ? t.resolve(locale) : a).toArray();
        return new MessageFormat(pattern, b.getLocale()).format(resolved);
    }

    /** The English words: for logs, the command line and messages that have no window. */
    public String english() {
        return resolve(Locale.ROOT);
    }

    @Override
    public String toString() {
        return english();
    }
}
