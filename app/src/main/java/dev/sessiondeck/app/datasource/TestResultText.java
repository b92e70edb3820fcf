package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.ConnectionCheck;
import java.util.ArrayList;
import java.util.List;

/** The words of a Test: a line for the SSH hop (when there is a tunnel) and one for the database. */
final class TestResultText {

    private TestResultText() {
    }

    static String of(ConnectionCheck check) {
        List<String> lines = new ArrayList<>();
        switch (check.ssh().status()) {
            case PASSED -> lines.add(Messages.get("editor.test.ssh.ok", check.hostKey().map(Object::toString).orElse("")));
            case FAILED -> lines.add(Messages.get("editor.test.ssh.failed", ErrorText.of(check.ssh().failure().orElseThrow())));
            default -> { }
        }
        switch (check.database().status()) {
            case PASSED -> lines.add(Messages.get("editor.test.ok", check.server().orElse("")));
            case FAILED -> lines.add(Messages.get(check.ssh().status() == ConnectionCheck.Status.NOT_USED
                    ? "editor.test.db.failedAlone" : "editor.test.db.failed",
                    ErrorText.of(check.database().failure().orElseThrow())));
            case SKIPPED -> lines.add(Messages.get("editor.test.db.skipped"));
            default -> { }
        }
        return String.join("\n", lines);
    }
}
