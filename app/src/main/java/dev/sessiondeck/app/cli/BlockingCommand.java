package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.blocking.BlockingTree;
import dev.sessiondeck.core.model.Snapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code blocking}: who blocks whom on one data source, root blockers first with their waiters under them. */
@Command(name = "blocking", sortOptions = false,
        description = "Show who blocks whom: each root blocker (a session others wait for, that waits for nobody)"
                + " with the sessions waiting for it indented under it.",
        footer = {"", "Examples:",
                "  sessiondeck blocking --source \"prod orders\"",
                "  SD_PW=... sessiondeck blocking --url jdbc:postgresql://db.example:5432/shop -u admin --password-env SD_PW"
                        + " --format json",
                "", ExitCodes.HELP})
final class BlockingCommand implements Callable<Integer>, Cli.Connecting {

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "FORMAT", description = "tree or json (default: tree)")
    BlockingFormats.Format format = BlockingFormats.Format.TREE;

    BlockingCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        return connection.run(context, "blocking", spec -> { }, src -> {
            Snapshot snapshot = src.snapshot();
            // every session, background ones too: an autovacuum worker or a replication thread can block
            BlockingTree tree = BlockingTree.of(snapshot.sessions());
            context.out().print(BlockingFormats.render(format, tree, snapshot));
            // on stderr, so that JSON on stdout stays clean for scripts
            src.blockingUnknown().ifPresent(t -> context.err().println("sessiondeck blocking: " + src.name()
                    + ": blocking unknown: " + t.english()));
            src.limitation().ifPresent(t -> context.err().println("sessiondeck blocking: " + t.english()));
            return ExitCodes.DONE;
        });
    }
}
