package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The window's code passes no sentence of its own to a label, a dialog, a tooltip, a menu or a
 * notification: every word a person reads there comes from the bundles, in English and Chinese. A
 * string literal with a letter in such a place fails, unless the allow-list says why it is the same in
 * every language. Empty strings and symbols ("\u2014", "#") pass.
 */
class NoLiteralTextTest {

    /**
     * Where a person reads the first argument: controls built with their text, the setters of text,
     * titles and tips, an alert's content, a notification's title and text (ControlsFX, AtlantaFX).
     */
    static final Pattern USER_TEXT = Pattern.compile("(?:new\\s+(?:Label|Tooltip|MenuItem|Menu|CheckMenuItem|RadioMenuItem"
            + "|Button|ToggleButton|CheckBox|RadioButton|Hyperlink|Tab|TitledPane|Text|ButtonType|TableColumn(?:<[^>]*>)?)"
            + "|\\.(?:setText|setTitle|setHeaderText|setContentText|setPromptText|setAccessibleText|setAccessibleHelp"
            + "|setPlaceholder|appendText|text|title|message))\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Also an alert built with its content: {@code new Alert(AlertType.X, "...")}. */
    static final Pattern ALERT_TEXT = Pattern.compile("new\\s+Alert\\([^,()]+,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    /** Literals that are the same in every language, by "File.java: literal", with the reason. */
    static final Map<String, String> ALLOWED = Map.of(
            "SshTunnelPane.java: ~/.ssh/known_hosts", "a file's path, the same in every language");

    /** The sentences {@code source} passes where a person reads them. */
    static List<String> literalTexts(String source) {
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(USER_TEXT, ALERT_TEXT)) {
            Matcher m = p.matcher(source);
            while (m.find()) {
                // escapes as the compiler reads them: "\\u2014" is a dash, "\\n" no letter
                String text = UNICODE_ESCAPE.matcher(m.group(1)).replaceAll(u -> String.valueOf((char) Integer.parseInt(
                        u.group(1), 16))).replaceAll("\\\\.", "");
                if (text.chars().anyMatch(Character::isLetter)) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(literalTexts("""
                Label a = new Label("Sessions");
                b.setText("Refresh failed: " + e);
                alert.setHeaderText("Close it?");
                new Alert(Alert.AlertType.ERROR, "Could not connect").show();
                Notifications.create().title("Done").text("Killed 3 sessions").show();
                TableColumn<Row, String> c = new TableColumn<>("User");
                """)).containsExactly("Sessions", "Refresh failed: ", "Close it?", "Done", "Killed 3 sessions", "User",
                "Could not connect");
        assertThat(literalTexts("""
                new Label(Messages.get("status.idle"));
                x.setText("");
                y.setText("\\u2014");
                z.setText("#" + id);
                new Label(" / ");
                """)).isEmpty();
    }

    @Test
    void theWindowPassesNoEnglishSentenceToWhatAPersonReads() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(Path.of("src/main/java/dev/sessiondeck/app"))) {
            for (Path f : all.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.toString().contains("/cli/")) {
                    continue; // the command line speaks English (and its help comes from picocli's annotations)
                }
                files++;
                for (String literal : literalTexts(Files.readString(f))) {
                    String where = f.getFileName() + ": " + literal;
                    if (!ALLOWED.containsKey(where)) {
                        found.add(where);
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(50);
        assertThat(found).as("literal sentences in the window's code; put them in messages*.properties").isEmpty();
    }

    @Test
    void everyAllowedLiteralIsStillThere() throws IOException {
        for (String where : ALLOWED.keySet()) {
            String file = where.substring(0, where.indexOf(':'));
            String literal = where.substring(where.indexOf(": ") + 2);
            try (Stream<Path> all = Files.walk(Path.of("src/main/java"))) {
                Path f = all.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow();
                assertThat(literalTexts(Files.readString(f))).as(where).contains(literal);
            }
        }
    }
}
