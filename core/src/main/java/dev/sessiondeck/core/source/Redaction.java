package dev.sessiondeck.core.source;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of text that is logged or shown: the value of a {@code password=} (or
 * {@code pwd}, {@code passwd}, {@code secret}) parameter of a URL or a key=value list, the password of
 * a URL's user info ({@code //user:secret@host}), a JSON {@code "password": "..."} pair, and rac's
 * {@code --cluster-pwd} and {@code --infobase-pwd} arguments. Each becomes {@code ***}.
 */
public final class Redaction {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // rac's password options, quoted or not
            new Rule(Pattern.compile("(--(?:cluster|infobase)-pwd)(=|\\s+)(\"[^\"]*\"|'[^']*'|\\S+)",
                    Pattern.CASE_INSENSITIVE), "$1$2***"),
            // JSON: "password" : "value"
            new Rule(Pattern.compile("(\"(?:password|pwd|passwd|passphrase|secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
                    Pattern.CASE_INSENSITIVE), "$1\"***\""),
            // key=value in URLs, properties and command lines
            new Rule(Pattern.compile("((?:^|[?&;,\\s])(?:password\\d?|pwd|passwd|passphrase|secret)\\s*=\\s*)[^&;,\\s]*",
                    Pattern.CASE_INSENSITIVE), "$1***"),
            // user info of a URL: scheme://user:secret@host
            new Rule(Pattern.compile("(://[^/:@\\s]+:)[^@/\\s]+(@)"), "$1***$2"));

    private Redaction() {
    }

    /** {@code text} with every secret this class knows replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            out = r.pattern().matcher(out).replaceAll(r.replacement());
        }
        return out;
    }
}
