package dev.sessiondeck.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class logs while a test runs, at debug level and above (logback, as the tests configure
 * it): {@code try (CapturedLogs logs = CapturedLogs.debug(RacRunner.class)) { ... logs.messages() }}.
 * Closing it restores the logger's level.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final Level level;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(Logger logger) {
        this.logger = logger;
        this.level = logger.getLevel();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** Captures the logger named as {@code of}, at debug level. */
    public static CapturedLogs debug(Class<?> of) {
        return new CapturedLogs((Logger) LoggerFactory.getLogger(of));
    }

    /** The messages so far, formatted (arguments filled in), with the level in front ("DEBUG rac ..."). */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(level);
    }
}
