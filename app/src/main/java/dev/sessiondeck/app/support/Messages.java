package dev.sessiondeck.app.support;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Every user-visible string of the window, from the bundle {@code dev/sessiondeck/app/support/messages}
 * (English, and Simplified Chinese in {@code messages_zh}). {@link #use(Locale)} picks the language once,
 * before the window is built.
 */
public final class Messages {

    private static final String BUNDLE = "dev.sessiondeck.app.support.messages";

    private static volatile ResourceBundle bundle = load(Locale.getDefault());

    private Messages() {
    }

    private static ResourceBundle load(Locale locale) {
        // without the fallback control, an English user on a Chinese-default JVM would get Chinese
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Switches the language for everything built afterwards. */
    public static void use(Locale locale) {
        bundle = load(Objects.requireNonNull(locale, "locale"));
    }

    /** The language in use: {@code zh} or the root (English). */
    public static Locale locale() {
        return bundle.getLocale();
    }

    /**
     * The text for {@code key}; with arguments, formatted by {@link MessageFormat} ({@code {0}}, ...).
     *
     * @throws MissingResourceException when the key is in no bundle (a programming error)
     */
    public static String get(String key, Object... args) {
        String text = bundle.getString(key);
        return args.length == 0 ? text : new MessageFormat(text, bundle.getLocale()).format(args);
    }

    /**
     * Reads the {@code --lang} option: {@code zh} (any Chinese tag) or {@code en}; anything else is
     * the system locale.
     */
    public static Locale localeFor(String lang) {
        if (lang == null) {
            return Locale.getDefault();
        }
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "zh_cn", "zh-hans" -> Locale.SIMPLIFIED_CHINESE;
            case "en", "en-us", "en_us" -> Locale.ENGLISH;
            default -> Locale.getDefault();
        };
    }
}
