package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.ProfileStore;
import dev.sessiondeck.core.profile.SecretStore;
import dev.sessiondeck.core.profile.SshSettings;
import dev.sessiondeck.core.ssh.SshAuth;
import dev.sessiondeck.core.ssh.SshTunnelSpec;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SessionSources;
import dev.sessiondeck.core.source.SourceException;
import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import dev.sessiondeck.core.source.TlsMode;
import java.io.Console;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a subcommand connects: either {@code --url} or {@code --host}/{@code --port}/..., and a
 * password from an environment variable or an interactive prompt, never from an argument (it would
 * show in the shell history and the process list). Besides these options, each kind of data source
 * adds the options of its own settings ({@link SourceType#settings()} with a
 * {@link InputField#cliOption()}): {@link #addTypeOptions} puts them on each command.
 */
final class ConnectionOptions {

    /** The ids of the installed kinds of data source, for {@code --type}'s help. */
    static final class TypeIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SourceTypes.installed().all().stream().map(SourceType::id).iterator();
        }
    }

    /** The saved data source {@link #toSpec} started from, if any. */
    private Optional<DataSourceProfile> used = Optional.empty();

    /** The values of the types' own options given, by field id. */
    private final Map<String, String> typeOptions = new LinkedHashMap<>();
    /** The option each of those values came from, for the error when the type does not take it. */
    private final Map<String, String> typeOptionNames = new LinkedHashMap<>();

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = "--verbose", description = "Also print log lines, with stack traces, on standard error (they always"
            + " go to the log file)")
    boolean verbose;

    @Option(names = {"-s", "--source"}, paramLabel = "NAME",
            description = "A saved data source (see 'sessiondeck sources'); other options override its settings")
    String savedSource;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "JDBC URL, e.g. jdbc:mysql://db.example:3306/shop or jdbc:mariadb://... (no password in it, please)")
    String url;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Server host (default: 127.0.0.1)")
    String host;

    @Option(names = {"-P", "--port"}, paramLabel = "PORT", description = "Server port (default: by --type, 3306 for MySQL)")
    Integer port;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Database user")
    String user;

    @Option(names = {"-D", "--database"}, paramLabel = "DB", description = "Default database")
    String database;

    @Option(names = "--type", paramLabel = "TYPE", completionCandidates = TypeIds.class,
            description = "The kind of data source: ${COMPLETION-CANDIDATES} (default: auto, a server of the MySQL family,"
                    + " detected)")
    String type;

    @Option(names = "--tls", paramLabel = "MODE",
            description = "disabled, preferred, required, verify_ca, verify_identity (default: preferred)")
    TlsMode tls;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "CA certificate for --tls verify_ca or verify_identity")
    String caFile;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from this environment variable; without it, the password is asked for when"
                    + " a terminal is attached, and empty otherwise")
    String passwordEnv;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Connect timeout in seconds (default: 5)")
    Double connectTimeoutSeconds;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", description = "Timeout of each statement in seconds (default: 10)")
    Double queryTimeoutSeconds;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for the data source in the output (default: host:port)")
    String name;

    @Option(names = "--ssh", paramLabel = "USER@HOST[:PORT]",
            description = "Reach the server through an SSH tunnel via this SSH server (a bastion; port 22 by default);"
                    + " --host and --port are then the server as the bastion reaches it. Logs in with --ssh-key, with"
                    + " --ssh-password-env alone, or else with the SSH agent. A saved data source's tunnel is used"
                    + " without it")
    String ssh;

    @Option(names = "--ssh-key", paramLabel = "FILE",
            description = "Log in to the SSH server with this private key (OpenSSH or PEM format); its passphrase from"
                    + " --ssh-password-env")
    String sshKey;

    @Option(names = "--ssh-password-env", paramLabel = "VAR",
            description = "Read the SSH password (with --ssh-key: the key's passphrase) from this environment variable")
    String sshPasswordEnv;

    @Option(names = "--ssh-known-hosts", paramLabel = "FILE",
            description = "The known_hosts file that vouches for the SSH server's host key (default: ~/.ssh/known_hosts;"
                    + " never written)")
    String sshKnownHosts;

    @Option(names = "--ssh-accept-new-host-key",
            description = "Trust an SSH host key that neither known_hosts nor the saved data source knows (check the"
                    + " fingerprint a first run printed); a changed host key is always refused")
    boolean sshAcceptNewHostKey;

    /**
     * Builds the spec: from a saved data source ({@code --source}), or from {@code --url} or
     * {@code --host}/{@code --port}/...; options given beside {@code --source} override it.
     *
     * @throws IllegalArgumentException with a message for the user when the options do not add up
     */
    ConnectionSpec toSpec(Cli.Context context) {
        ConnectionSpec.Builder b;
        Optional<DataSourceProfile> profile = Optional.empty();
        if (savedSource != null) {
            if (url != null) {
                throw new IllegalArgumentException("give either --source or --url, not both");
            }
            profile = Optional.of(findProfile(context));
            used = profile;
            b = profile.get().toSpec(new char[0]).toBuilder();
            if (host != null) {
                b.host(host);
            }
        } else if (url != null) {
            if (host != null || port != null) {
                throw new IllegalArgumentException("give either --url or --host/--port, not both");
            }
            b = ConnectionSpec.fromJdbcUrl(url);
        } else {
            b = ConnectionSpec.builder().host(host == null ? "127.0.0.1" : host);
        }
        if (port != null) {
            b.port(port);
        }
        if (type != null) {
            b.type(SourceTypes.installed().require(type).id());
        }
        SourceType chosen = SourceTypes.installed().require(b.type());
        typeOptions.forEach((field, value) -> {
            if (!ConnectionFields.takes(chosen, field)) {
                throw new IllegalArgumentException(typeOptionNames.get(field) + " does not apply to data sources of type "
                        + chosen.id());
            }
            b.option(field, value);
        });
        if (user != null) {
            b.user(user);
        }
        if (database != null) {
            b.database(database);
        }
        if (tls != null) {
            b.tlsMode(tls);
        }
        if (caFile != null) {
            b.caFile(caFile);
        }
        if (name != null) {
            b.name(name);
        }
        if (connectTimeoutSeconds != null) {
            b.connectTimeout(seconds(connectTimeoutSeconds, "--connect-timeout"));
        }
        if (queryTimeoutSeconds != null) {
            b.queryTimeout(seconds(queryTimeoutSeconds, "--query-timeout"));
        }
        char[] password = password(context, profile);
        if (password != null) {
            b.password(password);
            Arrays.fill(password, '\0');
        }
        b.sshTunnel(sshTunnel(context, profile));
        return b.build();
    }

    /**
     * The SSH tunnel: {@code --ssh} and its options, or the saved data source's tunnel with the
     * options given overriding it; null for none.
     */
    private SshTunnelSpec sshTunnel(Cli.Context context, Optional<DataSourceProfile> profile) {
        Optional<SshSettings> saved = profile.flatMap(DataSourceProfile::sshTunnel);
        SshTunnelSpec.Builder t;
        if (ssh != null) {
            t = SshTunnelSpec.parseTarget(ssh);
            t.auth(sshKey != null ? SshAuth.KEY : sshPasswordEnv != null ? SshAuth.PASSWORD : SshAuth.AGENT);
            // a saved host key still holds for the same bastion
            saved.filter(s -> SshTunnelSpec.parseTarget(ssh).build().host().equals(s.host()) && !s.hostKey().isBlank())
                    .ifPresent(s -> t.hostKey(dev.sessiondeck.core.ssh.SshHostKey.parse(s.hostKey())));
        } else if (saved.isPresent()) {
            t = saved.get().toSpec(savedSshSecret(context, profile.get())).toBuilder();
            if (sshKey != null) {
                t.auth(SshAuth.KEY);
            }
        } else {
            if (sshKey != null || sshPasswordEnv != null || sshKnownHosts != null || sshAcceptNewHostKey) {
                throw new IllegalArgumentException("--ssh-key, --ssh-password-env, --ssh-known-hosts and"
                        + " --ssh-accept-new-host-key need --ssh USER@HOST[:PORT] (or a saved data source with a tunnel)");
            }
            return null;
        }
        if (sshKey != null) {
            t.keyFile(sshKey);
        }
        if (sshPasswordEnv != null) {
            String value = context.env().apply(sshPasswordEnv);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + sshPasswordEnv
                        + " given by --ssh-password-env is not set");
            }
            t.secret(value.toCharArray());
        }
        if (sshKnownHosts != null) {
            t.knownHosts(sshKnownHosts);
        }
        t.acceptNewHostKey(sshAcceptNewHostKey);
        return t.build();
    }

    /**
     * Opens the data source. A host key accepted with {@code --ssh-accept-new-host-key} is named on
     * standard error and, for a saved data source whose tunnel it is, saved with it, so that the next
     * run checks it without the option.
     */
    SessionSource open(Cli.Context context, String command, ConnectionSpec spec) throws SourceException {
        SessionSource source = context.sources().open(spec);
        Optional<SshTunnelSpec> tunnel = spec.sshTunnel().filter(t -> t.acceptNewHostKey() && t.hostKey().isEmpty());
        Optional<dev.sessiondeck.core.ssh.SshHostKey> key = SessionSources.sshHostKey(source);
        if (tunnel.isEmpty() || key.isEmpty()) {
            return source;
        }
        context.err().println("sessiondeck " + command + ": trusted the SSH host key of " + tunnel.get().describe() + ": "
                + key.get());
        Optional<SshSettings> saved = used.flatMap(DataSourceProfile::sshTunnel)
                .filter(s -> s.host().equals(tunnel.get().host()) && s.port() == tunnel.get().port());
        if (saved.isPresent()) {
            try {
                context.profiles().upsert(List.of(used.get().withSshTunnel(saved.get().withHostKey(key.get()))));
                context.err().println("sessiondeck " + command + ": saved it with the data source '" + used.get().name() + "'");
            } catch (java.io.IOException e) {
                context.err().println("sessiondeck " + command + ": cannot save it with the data source: " + e.getMessage());
            }
        }
        return source;
    }

    /** A check of a command's own options against the spec, before connecting. */
    @FunctionalInterface
    interface Check {
        /** @throws IllegalArgumentException with the reason, for a person */
        void check(ConnectionSpec spec);
    }

    /** What a command does with its open data source. */
    @FunctionalInterface
    interface Work {
        /** @return the exit code ({@link ExitCodes}) */
        int run(SessionSource source) throws SourceException;
    }

    /**
     * Every command's way through a data source: the spec from these options and {@code check}
     * ({@link ExitCodes#BAD_INPUT} with "sessiondeck COMMAND: reason" on standard error, nothing sent
     * to a server), then {@link #open}, {@code work}, and the data source closed; a
     * {@link SourceException} becomes {@link ExitCodes#failed}.
     */
    int run(Cli.Context context, String command, Check check, Work work) {
        ConnectionSpec spec;
        try {
            spec = toSpec(context);
            check.check(spec);
        } catch (IllegalArgumentException e) {
            context.err().println("sessiondeck " + command + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (SessionSource source = open(context, command, spec)) {
            return work.run(source);
        } catch (SourceException e) {
            return ExitCodes.failed(context, command, e);
        }
    }

    /**
     * Refuses a session id this kind of data source cannot have (a negative or worded thread id),
     * before it is ever sent to a server.
     *
     * @throws IllegalArgumentException with the reason
     */
    static void requireSessionId(Cli.Context context, ConnectionSpec spec, String id) {
        Optional<String> problem = context.sources().types().require(spec.type()).sessionIdProblem(id);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** The saved tunnel's passphrase or password from the keychain, null when none is saved. */
    private static char[] savedSshSecret(Cli.Context context, DataSourceProfile profile) {
        if (!profile.sshTunnel().map(SshSettings::saveSecret).orElse(false)) {
            return null;
        }
        try {
            return context.secrets().get().read(profile.sshSecretId()).orElse(null);
        } catch (SecretStore.SecretStoreException e) {
            context.err().println("sessiondeck: " + e.getMessage());
            return null;
        }
    }

    private DataSourceProfile findProfile(Cli.Context context) {
        ProfileStore.LoadResult loaded = context.profiles().load();
        loaded.problem().ifPresent(p -> context.err().println("sessiondeck: " + p));
        return loaded.profiles().stream().filter(p -> p.name().equals(savedSource)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saved data source is named '" + savedSource + "'"
                        + (loaded.profiles().isEmpty() ? "; none are saved yet"
                        : "; saved: " + String.join(", ", loaded.profiles().stream().map(DataSourceProfile::name).toList()))
                        + setAsideHint(context)));
    }

    /** Where entries that could not load were put, when any still lie beside the file. */
    private static String setAsideHint(Cli.Context context) {
        List<java.nio.file.Path> aside = context.profiles().setAsideFiles();
        return aside.isEmpty() ? "" : "; entries that could not be loaded are in " + String.join(", ",
                aside.stream().map(java.nio.file.Path::toString).toList());
    }

    /** --password-env, then the keychain (for a saved source whose password is saved), then a prompt. */
    private char[] password(Cli.Context context, Optional<DataSourceProfile> profile) {
        if (passwordEnv != null) {
            String value = context.env().apply(passwordEnv);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + passwordEnv + " given by --password-env is not set");
            }
            return value.toCharArray();
        }
        if (profile.isPresent() && profile.get().savePassword()) {
            SecretStore secrets = context.secrets().get();
            try {
                Optional<char[]> saved = secrets.read(profile.get().id());
                if (saved.isPresent()) {
                    return saved.get();
                }
            } catch (SecretStore.SecretStoreException e) {
                context.err().println("sessiondeck: " + e.getMessage());
            }
            if (!secrets.persistent()) {
                context.err().println("sessiondeck: no keychain is available here, so the saved password cannot be read");
            }
        }
        Console console = context.console();
        if (console != null) {
            return console.readPassword("Password for %s: ", user != null ? user
                    : profile.map(DataSourceProfile::user).orElse("the user"));
        }
        return null;
    }

    /**
     * Adds to {@code command} an option for each setting of the installed kinds of data source that
     * declares one ({@code --rac PATH} for 1C ...), once per option name. A value given for a type
     * that does not take it is refused when the spec is built, naming the option.
     */
    void addTypeOptions(CommandLine.Model.CommandSpec command) {
        Map<String, InputField> byOption = new LinkedHashMap<>();
        for (SourceType t : SourceTypes.installed().all()) {
            for (InputField f : t.settings()) {
                // a standard field may have a name of its own for one type (--cluster-user for 1C's --user)
                boolean alias = ConnectionFields.standard(f) && f.id().equals("user");
                if (!f.cliOption().isEmpty() && (!ConnectionFields.standard(f) || alias)
                        && command.findOption("--" + f.cliOption()) == null) {
                    byOption.putIfAbsent(f.cliOption(), f);
                }
            }
        }
        byOption.forEach((name, field) -> command.addOption(CommandLine.Model.OptionSpec.builder("--" + name)
                .paramLabel(field.kind() == InputField.Kind.FILE ? "FILE" : "VALUE")
                .description(field.label().english() + (field.hint() == null ? "" : ": " + field.hint().english()))
                .type(String.class)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        // picocli sets every option to its initial value (null) before parsing: not given
                        if (value == null) {
                            return null;
                        }
                        if (field.id().equals("user")) {
                            user = (String) value;
                        } else {
                            typeOptions.put(field.id(), (String) value);
                            typeOptionNames.put(field.id(), "--" + name);
                        }
                        return null;
                    }
                })
                .build()));
    }

    private static Duration seconds(double s, String option) {
        if (Double.isNaN(s) || s <= 0 || s > 86_400) {
            throw new IllegalArgumentException(option + " must be a number of seconds above 0");
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
