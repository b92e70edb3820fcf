package dev.sessiondeck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code variables}: the data source's global variables (the default, {@code --global}), another
 * session's ({@code --session ID}, where the server shows them) or SessionDeck's own session's
 * ({@code --own}); the important ones first, marked {@code *}.
 */
@Command(name = "variables", sortOptions = false,
        description = "List the variables of a data source (global, or one session's), the important ones first.",
        footer = {"", "Examples:",
                "  sessiondeck variables --source prod --like timeout",
                "  sessiondeck variables --source prod --session 42 --format json", "", ExitCodes.HELP})
final class VariablesCommand implements Callable<Integer>, Cli.Connecting {

    enum Format { TABLE, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Cli.Context context;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--global", description = "The server's global values (the default)")
    boolean global;

    @Option(names = "--own", description = "SessionDeck's own session's values")
    boolean own;

    @Option(names = "--session", paramLabel = "ID",
            description = "Another session's values (MySQL 5.7+ and MariaDB with performance_schema)")
    String session;

    @Option(names = "--like", paramLabel = "TEXT", description = "Name or value contains TEXT (case-insensitive, literal)")
    String like;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (default: table)")
    Format format = Format.TABLE;

    VariablesCommand(Cli.Context context) {
        this.context = context;
    }

    @Override
    public ConnectionOptions connection() {
        return connection;
    }

    @Override
    public Integer call() {
        return connection.run(context, "variables", spec -> {
            if ((global ? 1 : 0) + (own ? 1 : 0) + (session != null ? 1 : 0) > 1) {
                throw new IllegalArgumentException("give one of --global, --own and --session ID");
            }
            if (session != null) {
                ConnectionOptions.requireSessionId(context, spec, session);
            }
        }, source -> {
            Variables variables = of(source);
            List<Variable> all;
            if (session != null) {
                SessionKey key = source.snapshot().sessions().stream().filter(s -> s.id().equals(session))
                        .map(Session::key).findFirst().orElse(SessionKey.ofId(source.name(), session));
                all = variables.ofSession(key);
            } else {
                all = variables.list(own ? VariableScope.SESSION : VariableScope.GLOBAL);
            }
            List<Variable> shown = all.stream().filter(v -> v.matches(like)).toList();
            context.out().print(format == Format.JSON ? json(shown, variables.important()) : table(shown, variables.important()));
            return ExitCodes.DONE;
        });
    }

    /** The data source's variables, or {@code UNSUPPORTED} for a kind that has none. */
    static Variables of(SessionSource source) throws SourceException {
        return source.variables().orElseThrow(() -> new SourceException(SourceException.Kind.UNSUPPORTED,
                source.describe() + " has no variables"));
    }

    /** One object per variable: name, value, seconds (where the unit is a time), unit, kind, choices, source, editable, note, pinned. */
    static String json(List<Variable> variables, List<String> important) {
        try {
            return JSON.writeValueAsString(variables.stream().map(v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", v.name());
                m.put("value", v.value());
                m.put("seconds", v.inSeconds().map(s -> s.replace(" s", "")).orElse(null));
                m.put("unit", v.unit().isEmpty() ? null : v.unit());
                m.put("kind", v.kind().name().toLowerCase(java.util.Locale.ROOT));
                m.put("choices", v.choices());
                m.put("source", v.origin().isEmpty() ? null : v.origin());
                m.put("editable", v.editable());
                m.put("note", v.note().isEmpty() ? null : v.note());
                m.put("pinned", important.contains(v.name()));
                return m;
            }).toList()) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String table(List<Variable> variables, List<String> important) {
        boolean units = variables.stream().anyMatch(v -> !v.unit().isEmpty());
        boolean sources = variables.stream().anyMatch(v -> !v.origin().isEmpty());
        List<String> header = new java.util.ArrayList<>(List.of("NAME", "VALUE"));
        if (units) {
            header.add("UNIT");
        }
        if (sources) {
            header.add("SOURCE");
        }
        return TextTable.of(header, variables.stream().map(v -> {
            List<String> row = new java.util.ArrayList<>();
            row.add((important.contains(v.name()) ? "* " : "  ") + v.name());
            row.add(v.value() + v.inSeconds().map(s -> "  (" + s + ")").orElse(""));
            if (units) {
                row.add(v.unit());
            }
            if (sources) {
                row.add(v.origin());
            }
            return row;
        }).toList());
    }
}
