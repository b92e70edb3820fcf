package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a failed {@code rac} run (exit code 255, the reason on stderr in the client's language,
 * Russian or English) into a {@link SourceException} of the kind the window words. The Russian texts
 * are the ones rac prints (FIELD-NOTES.md, "1C:Enterprise server cluster", Errors); the English ones
 * are matched by their key words, not verified against an English rac. A text none of these match is
 * shown verbatim. Passwords given on rac's command line never appear in the words.
 */
final class RacErrors {

    /** {@code --cluster-pwd=...}, {@code --infobase-pwd=...}, with or without quotes. */
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(--(?:cluster|infobase)-pwd)(=|\\s+)(\"[^\"]*\"|\\S+)");

    /** @param meaning the key of what the words mean, in the 1C bundle */
    private record Rule(Kind kind, List<String> words, String meaning) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.AUTHENTICATION, List.of("не аутентифицирован", "not authenticated", "authentication"),
                    "rac.authentication"),
            new Rule(Kind.PRIVILEGE, List.of("недостаточно прав", "insufficient"),
                    "rac.privilege"),
            new Rule(Kind.SESSION_GONE, List.of("сеанс с указанным идентификатором не найден", "session with the specified",
                    "session not found"), "rac.sessionGone"),
            new Rule(Kind.SESSION_GONE, List.of("информационная база с указанным идентификатором не найдена",
                    "infobase with the specified", "infobase not found"), "rac.infobaseGone"),
            new Rule(Kind.SESSION_GONE, List.of("кластер с указанным идентификатором не найден", "cluster with the specified",
                    "cluster not found"), "rac.clusterGone"),
            new Rule(Kind.UNREACHABLE, List.of("ошибка соединения с сервером администрирования", "компьютер отсутствует в сети",
                    "connection refused", "administration server connection", "host not found", "no route to host"),
                    "rac.unreachable"),
            new Rule(Kind.UNSUPPORTED, List.of("ошибка разбора параметра", "error parsing option", "неизвестная команда",
                    "unknown command", "invalid command"), "rac.unsupported"));

    private RacErrors() {
    }

    /**
     * @param context what was being done, e.g. "Cannot list the sessions of cluster-1" (no secrets)
     * @param stderr  what rac wrote on its error stream
     */
    static SourceException translate(String context, int exit, String stderr) {
        return translate(Text.verbatim(context), exit, stderr, List.of());
    }

    /**
     * @param secrets the passwords rac was given ({@link #secrets}): hidden wherever they stand in
     *                the text, whatever rac made of the option around them
     */
    static SourceException translate(Text context, int exit, String stderr, List<String> secrets) {
        String text = redact(hide(stderr == null ? "" : stderr.strip(), secrets));
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (r.words().stream().anyMatch(lower::contains)) {
                return new SourceException(r.kind(), OneCAttributes.text("rac.failed").with(context,
                        OneCAttributes.text(r.meaning()), oneLine(text)));
            }
        }
        return new SourceException(Kind.SERVER_ERROR, text.isEmpty()
                ? OneCAttributes.text("rac.exit").with(context, String.valueOf(exit))
                : OneCAttributes.text("rac.exitWith").with(context, String.valueOf(exit), oneLine(text)));
    }

    /** The text with the value of every password option replaced by {@code ***}. */
    static String redact(String text) {
        return PASSWORD_OPTION.matcher(text).replaceAll("$1$2***");
    }

    private static boolean passwordOption(String arg) {
        return arg.equals("--cluster-pwd") || arg.equals("--infobase-pwd");
    }

    /**
     * rac's arguments as one line for a log, each password replaced by {@code ***}: argument by
     * argument, since a password may hold spaces ({@code --cluster-pwd=a b c} is one argument, which
     * {@link #redact(String)} of the joined line would hide only up to its first space).
     */
    static String redact(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        boolean next = false;
        for (String a : args) {
            if (next) {
                out.add("***");
                next = false;
            } else if (passwordOption(a)) {
                out.add(a);
                next = true;
            } else if (a.startsWith("--cluster-pwd=") || a.startsWith("--infobase-pwd=")) {
                out.add(a.substring(0, a.indexOf('=') + 1) + "***");
            } else {
                out.add(a);
            }
        }
        return String.join(" ", out);
    }

    /** The passwords among rac's arguments (the values of {@code --cluster-pwd} and {@code --infobase-pwd}), longest first. */
    static List<String> secrets(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = passwordOption(a) && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("--cluster-pwd=") || a.startsWith("--infobase-pwd=") ? a.substring(a.indexOf('=') + 1)
                    : "";
            if (!value.isEmpty()) {
                out.add(value);
            }
        }
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** The text with each of {@code secrets} replaced by {@code ***} wherever it stands. */
    static String hide(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }

    /** Several lines as one: rac puts the cause on the line after the error ("server_addr=... Connection refused"). */
    private static String oneLine(String text) {
        return String.join(" ", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
