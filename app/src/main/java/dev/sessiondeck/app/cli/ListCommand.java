package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: prints the sessions of one data source, filtered. */
@Command(name = "list", sortOptions = false,
        description = "List the sessions of a data source.",
        footer = {"", "Examples:",
                "  SD_PASSWORD=... sessiondeck list -h db.example -u admin --password-env SD_PASSWORD --active",
                "  sessiondeck list --source \"prod orders\" --session-user app_ --format csv",
                "  sessiondeck list --url jdbc:mariadb://127.0.0.1:3306/shop -u admin --format json", "", ExitCodes.HELP})
final class ListCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--id", paramLabel = "ID", description = "Only the session with this id")
    String id;

    @Mixin
    SessionFilterOptions filters = new SessionFilterOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or csv (default: table)")
    SessionFormats.Format format = SessionFormats.Format.TABLE;

    ListCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        SessionFilter filter = filters.filter(SessionFilter.parseId(id));
        return connection.run(context, "list", spec -> { }, src -> {
            // --active: a source that can leaves idle sessions out on the server's side (and counts them)
            Snapshot snapshot = src.snapshot(filters.active ? SnapshotScope.BUSY : SnapshotScope.ALL);
            List<Session> all = snapshot.sessions();
            List<Session> shown = filter.testAll(all).stream().mapToObj(all::get).toList();
            context.out().print(SessionFormats.render(format, snapshot, shown, src.commonAttributes(), src.attributes()));
            // on stderr, so that JSON and CSV on stdout stay clean for scripts
            src.limitation().ifPresent(t -> context.err().println("sessiondeck list: " + t.english()));
            return ExitCodes.DONE;
        });
    }
}
