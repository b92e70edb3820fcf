package dev.sessiondeck.core.source.onec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code rac} prints: blocks of {@code key : value} lines separated by blank lines (one
 * or several), keys padded with spaces to the longest key of the command. Each line is split on its
 * first colon and both sides trimmed, because values such as times contain colons. A line that is
 * not {@code key : value} (a banner, an error) is not a field. Keys are normalised: 8.3.x prints
 * {@code duration current-dbms} with a space where 8.5 prints {@code duration-current-dbms}.
 * Values keep rac's quotes removed ({@code name : "Бухгалтерия"} gives {@code Бухгалтерия}), and
 * {@code ''} (no data separation) gives an empty value. See FIELD-NOTES.md, "1C:Enterprise server
 * cluster".
 */
final class RacOutput {

    private RacOutput() {
    }

    /**
     * The blocks of {@code text}, in order; each block's keys in order. Windows line ends are fine.
     * Scans the text once without regular expressions: a session list of 10,000 sessions has half a
     * million lines (docs/benchmarks.md, 1C).
     */
    static List<Map<String, String>> blocks(String text) {
        Blocks blocks = new Blocks();
        int n = text.length();
        int start = 0;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            blocks.line(text, start, end);
            start = end + 1;
        }
        return blocks.done();
    }

    /**
     * Collects blocks line by line, as rac writes them: the runner feeds it while rac still prints, so
     * that reading overlaps rac's own work (docs/benchmarks.md, 1C). Not thread-safe: one reader.
     */
    static final class Blocks {
        private final List<Map<String, String>> out = new ArrayList<>();
        private Map<String, String> block = new LinkedHashMap<>(64);

        /** One line: {@code text} from {@code from} to {@code to}, without its line end. */
        void line(CharSequence text, int from, int to) {
            // the line without the white space around it (the \r of a Windows line end included)
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            if (from == to) {
                if (!block.isEmpty()) {
                    out.add(block);
                    block = new LinkedHashMap<>(64);
                }
                return;
            }
            int colon = -1;
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= from) {
                return;
            }
            String key = normaliseKey(text.subSequence(from, colon).toString().strip());
            if (key != null) {
                block.put(key, unquote(text.subSequence(colon + 1, to).toString().strip()));
            }
        }

        /** The blocks read, the last one included. */
        List<Map<String, String>> done() {
            if (!block.isEmpty()) {
                out.add(block);
                block = new LinkedHashMap<>(64);
            }
            return out;
        }
    }

    /**
     * A key as 8.5 prints it: {@code duration current-dbms} (8.3.x) is {@code duration-current-dbms};
     * {@code null} when the text is no key (lower-case letters, digits and hyphens, starting with a letter).
     */
    static String normaliseKey(String key) {
        StringBuilder b = null;
        boolean space = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean keyChar = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' && i > 0 || c == '-' && i > 0;
            if (c == ' ' || c == '\t') {
                if (b == null) {
                    b = new StringBuilder(key.substring(0, i));
                }
                space = true;
                continue;
            }
            if (!keyChar) {
                return null;
            }
            if (b != null) {
                if (space) {
                    b.append('-');
                    space = false;
                }
                b.append(c);
            }
        }
        return b == null ? key : b.toString();
    }

    /** A value without rac's surrounding double quotes; {@code ""} inside stands for one quote. */
    static String unquote(String value) {
        if (value.equals("''")) {
            return "";
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\"\"", "\"");
        }
        return value;
    }
}
