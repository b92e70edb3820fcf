package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.ProfileStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sources}: the saved data sources, never with a password. */
@Command(name = "sources", sortOptions = false,
        description = "List the saved data sources (the window's data-source list). Passwords are never printed.",
        footer = {"", ExitCodes.HELP})
final class SourcesCommand implements Callable<Integer> {

    private final Cli.Context context;

    @Option(names = "--verbose", description = "Also print log lines on standard error (they always go to the log file)")
    boolean verbose;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (default: table)")
    Format format = Format.TABLE;

    enum Format { TABLE, JSON }

    SourcesCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        ProfileStore.LoadResult loaded = context.profiles().load();
        loaded.problem().ifPresent(p -> context.err().println("sessiondeck sources: " + p));
        // what earlier runs set aside stays worth a word until the user deals with it
        List<java.nio.file.Path> earlier = context.profiles().setAsideFiles().stream()
                .filter(f -> loaded.setAside().map(now -> !now.equals(f)).orElse(true)).toList();
        if (!earlier.isEmpty()) {
            context.err().println("sessiondeck sources: set aside earlier and still there: " + String.join(", ",
                    earlier.stream().map(java.nio.file.Path::toString).toList()));
        }
        int exit = loaded.problem().isPresent() ? ExitCodes.FAILED : ExitCodes.DONE;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DataSourceProfile p : loaded.profiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type());
            m.put("address", p.user() + "@" + p.host() + ":" + p.port() + (p.database().isEmpty() ? "" : "/" + p.database()));
            m.put("tls", p.tlsMode().name().toLowerCase(java.util.Locale.ROOT));
            m.put("ssh", p.sshTunnel().map(t -> t.user() + "@" + t.host() + ":" + t.port()).orElse(""));
            m.put("password", p.savePassword() ? "saved in keychain" : "asked on connect");
            m.put("colorTag", p.colorTag());
            rows.add(m);
        }
        if (format == Format.JSON) {
            context.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            return exit;
        }
        if (rows.isEmpty()) {
            context.out().println("No saved data sources in " + context.profiles().file() + ".");
            return exit;
        }
        List<String> keys = List.of("name", "type", "address", "ssh", "tls", "password");
        String out = TextTable.of(keys.stream().map(k -> k.toUpperCase(java.util.Locale.ROOT)).toList(),
                rows.stream().map(r -> keys.stream().map(k -> String.valueOf(r.get(k))).toList()).toList());
        context.out().print(out);
        return exit;
    }
}
