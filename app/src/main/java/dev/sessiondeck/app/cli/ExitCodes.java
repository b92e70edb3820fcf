package dev.sessiondeck.app.cli;

import dev.sessiondeck.core.source.SourceException;

/** The command line's exit codes, as documented in {@code --help}. */
final class ExitCodes {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int SESSION_GONE = 3;
    static final int PRIVILEGE = 4;
    static final int UNREACHABLE = 5;

    static final String HELP = """
            Exit codes:
              0  done
              1  the request failed for another reason (sources: a saved data source had to be set aside)
              2  bad input (unknown option, bad value, refusing to kill without --yes)
              3  the session (or its statement) is gone
              4  the user lacks the privilege
              5  the server (or its SSH tunnel) is unreachable, did not answer in time, or refused the login;
                 or the SSH server's host key is unknown or changed""";

    private ExitCodes() {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExitCodes.class);

    /**
     * Says what went wrong in one line on standard error, keeps the whole failure (its causes and
     * stack trace) in the log file, and gives the exit code for it.
     *
     * @param command the subcommand, for the line's start ("sessiondeck list: ...")
     */
    static int failed(Cli.Context context, String command, SourceException e) {
        context.err().println("sessiondeck " + command + ": " + e.getMessage());
        if (e.sshFailure().filter(s -> s.kind() == dev.sessiondeck.core.ssh.SshException.Kind.HOST_KEY_UNKNOWN).isPresent()) {
            context.err().println("sessiondeck " + command + ": to trust this host key, run again with"
                    + " --ssh-accept-new-host-key (or add it to known_hosts)");
        }
        LOG.warn("sessiondeck {} failed: {}", command, e.getMessage(), e);
        return of(e);
    }

    static int of(SourceException e) {
        return switch (e.kind()) {
            case SESSION_GONE -> SESSION_GONE;
            case PRIVILEGE -> PRIVILEGE;
            case AUTHENTICATION, UNREACHABLE, TIMEOUT, HOST_KEY -> UNREACHABLE;
            case REFUSED -> BAD_INPUT;
            case UNSUPPORTED, SERVER_ERROR -> FAILED;
        };
    }
}
