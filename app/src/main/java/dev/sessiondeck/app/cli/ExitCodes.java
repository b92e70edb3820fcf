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
              1  the server failed the request for another reason
              2  bad input (unknown option, bad value, refusing to kill without --yes)
              3  the session (or its statement) is gone
              4  the user lacks the privilege
              5  the server is unreachable, did not answer in time, or refused the login""";

    private ExitCodes() {
    }

    static int of(SourceException e) {
        return switch (e.kind()) {
            case SESSION_GONE -> SESSION_GONE;
            case PRIVILEGE -> PRIVILEGE;
            case AUTHENTICATION, UNREACHABLE, TIMEOUT -> UNREACHABLE;
            case REFUSED -> BAD_INPUT;
            case UNSUPPORTED, SERVER_ERROR -> FAILED;
        };
    }
}
