package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.source.Redaction;
import java.io.PrintWriter;

/**
 * Standard error for the commands: each {@code println} comes out as one line, without secrets.
 * Control characters in it (they come from echoed arguments: a newline in a data-source name, an
 * escape sequence in a host) are written as escapes ({@code \n}, {@code \t}, {@code \}{@code u001b}), so that a failure
 * stays the one line people and scripts read, and no argument can move the terminal's cursor or
 * colour its text; a password in an echoed argument (a JDBC URL's) becomes {@code ***}
 * ({@link Redaction}).
 */
final class OneLineErrors extends PrintWriter {

    OneLineErrors(PrintWriter target) {
        super(target, true);
    }

    @Override
    public void println(String line) {
        super.println(escape(Redaction.redact(line)));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    /** {@code text} with every control character (and the Unicode line separators) as an escape. */
    static String escape(String text) {
        if (text == null || text.codePoints().noneMatch(OneLineErrors::isControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isControl(c)) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
