package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 1C:Enterprise server cluster, reached through the platform's administration client {@code rac}
 * talking to the administration server {@code ras} (default port 1545). Settings: the ras host and
 * port, the cluster administrator (optional; the password in the keychain), the cluster (a UUID or
 * name; empty for every cluster ras manages), an infobase to list alone, and the path to rac (empty:
 * found as {@link RacLocator} says). See docs/1c.md.
 */
public final class OneCSourceType implements SourceType {

    public static final String ID = "1c";
    static final String BUNDLE = OneCAttributes.BUNDLE;

    private static Text text(String key) {
        return Text.of(BUNDLE, key);
    }

    /** The cluster administrator; {@code --cluster-user} on the command line as well as {@code --user}. */
    static final InputField CLUSTER_USER = InputField.builder("user", text("field.clusterUser"), InputField.Kind.TEXT)
            .cliOption("cluster-user").hint(text("field.clusterUser.hint")).build();
    static final InputField CLUSTER_PASSWORD = InputField.builder("password", text("field.clusterPassword"),
            InputField.Kind.SECRET).build();
    /** The cluster: its UUID or name; empty for every cluster. */
    public static final InputField CLUSTER = InputField.builder("cluster", text("field.cluster"), InputField.Kind.TEXT)
            .cliOption("cluster").hint(text("field.cluster.hint")).build();
    /** List one infobase's sessions only: its name or UUID. */
    public static final InputField INFOBASE = InputField.builder("infobase", text("field.infobase"), InputField.Kind.TEXT)
            .cliOption("infobase").hint(text("field.infobase.hint")).build();
    /** The rac executable; empty to find it. */
    public static final InputField RAC = InputField.builder("rac", text("field.rac"), InputField.Kind.FILE)
            .cliOption("rac").hint(text("field.rac.hint")).build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Text displayName() {
        return text("type");
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public int defaultPort() {
        return 1545;
    }

    @Override
    public List<InputField> settings() {
        return List.of(ConnectionFields.HOST, ConnectionFields.PORT, CLUSTER_USER, CLUSTER_PASSWORD, CLUSTER, INFOBASE,
                RAC, ConnectionFields.CONNECT_TIMEOUT, ConnectionFields.QUERY_TIMEOUT);
    }

    /** A session's UUID, or its session number (a whole number of 1 or more, as rac lists it). */
    @Override
    public Optional<String> sessionIdProblem(String id) {
        String t = id == null ? "" : id.strip();
        if (t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                || t.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        return Optional.of("a 1C session is named by its UUID or its session number (1 or more), not '" + id + "'");
    }

    /**
     * Finds rac, asks ras for the clusters (so that a wrong address or administrator is reported
     * here) and returns the open data source.
     *
     * @throws SourceException {@code UNSUPPORTED} when rac is not found, {@code UNREACHABLE} when ras
     *                         does not answer, {@code AUTHENTICATION} for a wrong administrator,
     *                         {@code SESSION_GONE} for a cluster or infobase that is not there
     */
    @Override
    public SessionSource open(ConnectionSpec spec) throws SourceException {
        RacRunner runner = new RacRunner(RacLocator.system().find(spec.option(RAC.id())), spec.queryTimeout(),
                RacRunner.systemCharset(), Map.of());
        return OneCSessionSource.open(spec, runner);
    }
}
