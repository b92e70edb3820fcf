package dev.sessiondeck.app.support;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.sessiondeck.core.source.Redaction;

/**
 * The pieces of the logging {@link LogConfigurator} sets up: the console's level from the arguments
 * ({@link #configure}) and the redaction of every message and stack trace written
 * ({@link Message}, {@link Stack}: {@link Redaction} keeps passwords, {@code password=} URL parts and
 * rac's {@code --cluster-pwd} out).
 */
public final class LogSetup {

    /** The system property the command line's {@code --verbose} sets: the console's log level. */
    public static final String CONSOLE_LEVEL = "sessiondeck.console.level";

    private LogSetup() {
    }

    /**
     * Before logging starts: {@code --verbose} anywhere in the arguments shows every log line on
     * standard error (else the command line prints one line per failure, and the window writes
     * warnings there too).
     */
    public static void configure(String[] args, boolean window) {
        if (System.getProperty(CONSOLE_LEVEL) != null) {
            return;
        }
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty(CONSOLE_LEVEL, verbose ? "DEBUG" : window ? "WARN" : "OFF");
    }

    /** {@code %redactedMsg}: the message with its secrets replaced. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Redaction.redact(super.convert(event));
        }
    }

    /** {@code %redactedEx}: the stack trace, its messages with their secrets replaced. */
    public static final class Stack extends ExtendedThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return Redaction.redact(super.throwableProxyToString(tp));
        }
    }
}
