package dev.sessiondeck.core.source.onec;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.KillResult;
import dev.sessiondeck.core.source.KillVerification;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.source.SourceException.Kind;
import dev.sessiondeck.core.source.SourceText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of a 1C:Enterprise server cluster (8.3.x, 8.5), through {@code rac}: {@code cluster
 * list} when opened, then per refresh {@code infobase summary list} (names, kept for a minute) and
 * {@code session list} of each cluster shown (FIELD-NOTES.md, "1C:Enterprise server cluster").
 *
 * <p>A session's key is the data source, the cluster's UUID (the "server"), the session's UUID (its
 * id) and its {@code started-at} (the identity checked before a kill: a UUID is never reused, but a
 * session listed with another start is another one). Active = a server call runs now
 * ({@code duration-current} above 0); background = background jobs and the cluster's own applications.
 * Close Session is {@code session terminate} (with a message the user sees), Close Query is
 * {@code session interrupt-current-server-call} where this rac has it, and {@link OneCActions} adds
 * locking an infobase's sessions. Every rac call is bounded by the query timeout ({@link RacRunner}).
 */
public final class OneCSessionSource implements SessionSource {

    private static final Logger LOG = LoggerFactory.getLogger(OneCSessionSource.class);

    /** How long infobase names are kept before they are listed again. */
    static final Duration INFOBASE_NAMES_FOR = Duration.ofMinutes(1);

    private final String name;
    private final ConnectionSpec spec;
    private final RacRunner runner;
    private final Map<String, String> clusters;
    private final Optional<String> infobase;
    private final boolean canInterrupt;
    private final OneCActions actions;
    private final Map<String, InfobaseNames> infobaseNames = new ConcurrentHashMap<>();

    /** The infobases of one cluster by UUID, and when they were listed. */
    private record InfobaseNames(Map<String, String> byId, Instant listedAt) {
    }

    private OneCSessionSource(ConnectionSpec spec, RacRunner runner, Map<String, String> clusters,
                              Optional<String> infobase, boolean canInterrupt) {
        this.name = spec.name();
        this.spec = spec;
        this.runner = runner;
        // in rac's order: Map.copyOf's order changes from run to run (the description, the listing)
        this.clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        this.infobase = infobase;
        this.canInterrupt = canInterrupt;
        this.actions = new OneCActions(this, canInterrupt);
    }

    /**
     * Opens the data source with a runner of rac: lists the clusters, picks the one the spec names
     * (UUID or name) or all, lists their infobases (which checks the administrator), finds the
     * infobase it names, and asks rac whether it can interrupt a server call.
     */
    static OneCSessionSource open(ConnectionSpec spec, RacRunner runner) throws SourceException {
        Text what = OneCAttributes.text("what.reach").with(spec.host() + ":" + spec.port());
        // cluster list needs no cluster administrator (ras checks one per cluster): no password on its command line
        List<Map<String, String>> listed = RacOutput.blocks(runner.run(what, address(spec, List.of("cluster", "list"))));
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> c : listed) {
            if (c.containsKey("cluster")) {
                all.put(c.get("cluster"), c.getOrDefault("name", c.get("cluster")));
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        Optional<String> wanted = spec.option(OneCSourceType.CLUSTER.id());
        if (wanted.isPresent()) {
            all.forEach((id, n) -> {
                if (id.equalsIgnoreCase(wanted.get()) || n.equals(wanted.get())) {
                    chosen.put(id, n);
                }
            });
            if (chosen.isEmpty()) {
                throw new SourceException(Kind.SESSION_GONE, all.isEmpty()
                        ? OneCAttributes.text("rac.noClusterAtAll").with(what, wanted.get())
                        : OneCAttributes.text("rac.noCluster").with(what, wanted.get(), String.join(", ", all.values())));
            }
        } else {
            chosen.putAll(all);
        }
        boolean interrupt = probeInterrupt(spec, runner);
        OneCSessionSource source = new OneCSessionSource(spec, runner, chosen, Optional.empty(), interrupt);
        // ras checks the administrator per cluster, so cluster list cannot tell a wrong one: list each
        // cluster's infobases now (kept for the first refresh), so that it is reported here
        for (String cluster : chosen.keySet()) {
            source.infobases(cluster);
        }
        Optional<String> ib = spec.option(OneCSourceType.INFOBASE.id());
        if (ib.isEmpty()) {
            return source;
        }
        Map.Entry<String, String> found = source.findInfobase(ib.get());
        // only the cluster that hosts it: another cluster's session list has no such infobase
        OneCSessionSource one = new OneCSessionSource(spec, runner, Map.of(found.getKey(), chosen.get(found.getKey())),
                Optional.of(found.getValue()), interrupt);
        one.infobaseNames.putAll(source.infobaseNames);
        return one;
    }

    /** True when {@code rac session help} names {@code interrupt-current-server-call} (8.3.15 and later). */
    private static boolean probeInterrupt(ConnectionSpec spec, RacRunner runner) {
        try {
            String help = runner.run(OneCAttributes.text("what.sessionCommands"), List.of("session", "help"));
            return help.contains("interrupt-current-server-call");
        } catch (SourceException e) {
            LOG.info("rac session help failed ({}); interrupting server calls is off", e.getMessage());
            return false;
        }
    }

    /** The cluster and the UUID of the infobase named (or with the UUID) {@code nameOrId} in the chosen clusters. */
    private Map.Entry<String, String> findInfobase(String nameOrId) throws SourceException {
        for (String cluster : clusters.keySet()) {
            for (Map.Entry<String, String> e : infobases(cluster).entrySet()) {
                if (e.getKey().equalsIgnoreCase(nameOrId) || e.getValue().equals(nameOrId)) {
                    return Map.entry(cluster, e.getKey());
                }
            }
        }
        throw new SourceException(Kind.SESSION_GONE, OneCAttributes.text("rac.noInfobase").with(spec.host() + ":" + spec.port(),
                nameOrId));
    }

    /** rac's arguments without the administrator: the command and the ras address last. */
    static List<String> address(ConnectionSpec spec, List<String> command) {
        List<String> out = new ArrayList<>(command);
        String host = spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host();
        out.add(host + ":" + spec.port());
        return out;
    }

    /** rac's arguments: the command, the administrator (when given) and the ras address last. */
    static List<String> args(ConnectionSpec spec, List<String> command) {
        List<String> out = new ArrayList<>(command);
        if (!spec.user().isEmpty()) {
            out.add("--cluster-user=" + spec.user());
            char[] pw = spec.password();
            try {
                out.add("--cluster-pwd=" + new String(pw));
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        return address(spec, out);
    }

    /** The arguments of a command about one cluster. */
    List<String> clusterArgs(String cluster, String... command) {
        List<String> c = new ArrayList<>(List.of(command));
        c.add("--cluster=" + cluster);
        return args(spec, c);
    }

    RacRunner runner() {
        return runner;
    }

    /** The infobases of a cluster, UUID to name, listed again after {@link #INFOBASE_NAMES_FOR}. */
    Map<String, String> infobases(String cluster) throws SourceException {
        InfobaseNames known = infobaseNames.get(cluster);
        if (known != null && known.listedAt().plus(INFOBASE_NAMES_FOR).isAfter(Instant.now())) {
            return known.byId();
        }
        Map<String, String> byId = new LinkedHashMap<>();
        String out = runner.run(OneCAttributes.text("what.infobases").with(clusterName(cluster)),
                clusterArgs(cluster, "infobase", "summary", "list"));
        for (Map<String, String> b : RacOutput.blocks(out)) {
            if (b.containsKey("infobase")) {
                byId.put(b.get("infobase"), b.getOrDefault("name", b.get("infobase")));
            }
        }
        infobaseNames.put(cluster, new InfobaseNames(Map.copyOf(byId), Instant.now()));
        return byId;
    }

    String clusterName(String cluster) {
        return clusters.getOrDefault(cluster, cluster) + " on " + name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "1C:Enterprise cluster " + String.join(", ", clusters.values());
    }

    @Override
    public List<Attribute<?>> attributes() {
        return OneCAttributes.ALL;
    }

    /**
     * A 1C session has no SQL text, and people know it by its number ({@link StandardAttributes#SESSION_NUMBER}),
     * not its UUID (still the key, and in the details).
     */
    @Override
    public List<Attribute<?>> commonAttributes() {
        return StandardAttributes.COMMON.stream()
                .filter(a -> a != StandardAttributes.SQL && a != StandardAttributes.ID).toList();
    }

    @Override
    public Snapshot snapshot() throws SourceException {
        long start = System.nanoTime();
        List<Session> sessions = new ArrayList<>();
        for (String cluster : clusters.keySet()) {
            Map<String, String> names = infobases(cluster);
            List<String> command = new ArrayList<>(List.of("session", "list"));
            infobase.ifPresent(ib -> command.add("--infobase=" + ib));
            List<Map<String, String>> blocks = runner.runBlocks(SourceText.of("what.listSessions", clusterName(cluster)),
                    clusterArgs(cluster, command.toArray(String[]::new)));
            sessions.addAll(OneCSessions.map(name, cluster, clusters.size() > 1 ? clusters.get(cluster) : null,
                    blocks, names));
        }
        return new Snapshot(name, sessions, Instant.now(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The session {@code key} names as rac shows it now ({@code session info}); empty when rac says it
     * is not found.
     */
    Optional<Session> read(SessionKey key) throws SourceException {
        String out;
        try {
            out = runner.run(OneCAttributes.text("what.readSession").with(key.id(), clusterName(key.server())),
                    clusterArgs(key.server(), "session", "info", "--session=" + key.id()));
        } catch (SourceException e) {
            if (e.kind() == Kind.SESSION_GONE) {
                return Optional.empty();
            }
            throw e;
        }
        List<Session> one = OneCSessions.map(name, key.server(), null, RacOutput.blocks(out),
                infobaseNames.getOrDefault(key.server(), new InfobaseNames(Map.of(), Instant.EPOCH)).byId());
        return one.stream().filter(s -> s.id().equalsIgnoreCase(key.id())).findFirst();
    }

    @Override
    public KillResult kill(SessionKey key, KillMode mode) throws SourceException {
        return kill(key, mode, "");
    }

    /**
     * Terminates the session (or interrupts its server call) with a message its user sees: reads it
     * again first (the same UUID and start, else {@code SESSION_GONE}), then asks rac, then reads it
     * again until it is gone (or its call ended).
     *
     * @param message shown to the 1C user; empty for rac's own words
     */
    KillResult kill(SessionKey given, KillMode mode, String message) throws SourceException {
        Text what = KillVerification.describe(name, given, mode);
        SessionKey key = checked(given, what);
        if (mode == KillMode.QUERY && !canInterrupt) {
            throw new SourceException(Kind.UNSUPPORTED, OneCAttributes.text("failure.noInterrupt").with(what));
        }
        Optional<Session> before = read(key);
        if (before.isEmpty()) {
            throw new SourceException(Kind.SESSION_GONE, SourceText.of("failure.gone", what));
        }
        if (key.hasIdentity() && !key.identity().equals(before.get().key().identity())) {
            throw new SourceException(Kind.SESSION_GONE, OneCAttributes.text("failure.idTaken").with(what,
                    before.get().key().identity(), key.identity()));
        }
        if (mode == KillMode.QUERY && !before.get().isActive()) {
            throw new SourceException(Kind.SESSION_GONE, OneCAttributes.text("failure.noServerCall").with(what));
        }
        List<String> command = new ArrayList<>(List.of("session",
                mode == KillMode.SESSION ? "terminate" : "interrupt-current-server-call", "--session=" + key.id()));
        if (!message.isBlank()) {
            command.add("--error-message=" + message.strip());
        }
        runner.run(what, clusterArgs(key.server(), command.toArray(String[]::new)));
        try {
            return KillVerification.await(key, mode, before, k -> read(k));
        } catch (java.sql.SQLException e) {
            throw new SourceException(Kind.SERVER_ERROR, SourceText.of("failure.withReason", what, e.getMessage()), e);
        }
    }

    /**
     * The key with its cluster: the one it names, or for a bare id (typed on the command line) the
     * only cluster shown, or the one that has the session.
     *
     * @throws SourceException {@code REFUSED} for a cluster this data source does not show, or an id
     *                         that is no UUID (nothing of it reaches rac); {@code SESSION_GONE} when
     *                         no cluster has a bare id
     */
    SessionKey checked(SessionKey key, Text what) throws SourceException {
        if (!key.id().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new SourceException(Kind.REFUSED, OneCAttributes.text("failure.notUuid").with(what, key.id()));
        }
        if (!key.server().isEmpty()) {
            if (!clusters.containsKey(key.server())) {
                throw new SourceException(Kind.REFUSED, OneCAttributes.text("failure.otherCluster").with(what, key.server()));
            }
            return key;
        }
        if (clusters.size() == 1) {
            return new SessionKey(key.dataSource(), clusters.keySet().iterator().next(), key.id(), key.identity(),
                    key.queryId());
        }
        // a bare id (typed on the command line): the cluster that has it
        for (String cluster : clusters.keySet()) {
            SessionKey in = new SessionKey(key.dataSource(), cluster, key.id(), key.identity(), key.queryId());
            if (read(in).isPresent()) {
                return in;
            }
        }
        throw new SourceException(Kind.SESSION_GONE, OneCAttributes.text("failure.inNoCluster").with(what));
    }

    @Override
    public List<SessionAction> actions() {
        return actions.offered();
    }

    @Override
    public Optional<Text> unavailable(SessionAction action, Session session) {
        return actions.unavailable(action, session).or(() -> SessionSource.super.unavailable(action, session));
    }

    @Override
    public Map<String, String> readParameters(SessionAction action, Session session) throws SourceException {
        return actions.read(action, session);
    }

    @Override
    public ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters)
            throws SourceException {
        return actions.perform(action, key, parameters);
    }

    @Override
    public void close() {
        // rac runs per call: nothing stays open
    }

    /** For the words of a failure. */
    @Override
    public String toString() {
        return "OneCSessionSource[" + name + ", " + spec.host() + ":" + spec.port() + ", "
                + clusters.values().toString().toLowerCase(Locale.ROOT) + "]";
    }
}
