package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.sessiondeck.core.profile.LogDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped logging ({@link LogConfigurator}): warnings go to a file in the log folder with their causes and stack
 * traces, and no password reaches it, neither in a message nor in an exception's.
 */
class LogSetupTest {

    @TempDir
    Path dir;

    private String savedDir;
    private LoggerContext context;

    @AfterEach
    void restore() {
        if (context != null) {
            context.stop();
        }
        if (savedDir == null) {
            System.clearProperty(LogDirectory.OVERRIDE_PROPERTY);
        } else {
            System.setProperty(LogDirectory.OVERRIDE_PROPERTY, savedDir);
        }
    }

    /** A logging context of its own, configured as the application's, writing into {@link #dir}. */
    private Logger logger() throws Exception {
        savedDir = System.getProperty(LogDirectory.OVERRIDE_PROPERTY);
        System.setProperty(LogDirectory.OVERRIDE_PROPERTY, dir.toString());
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LogConfigurator.apply(context, dir);
        context.start();
        return context.getLogger("dev.sessiondeck.test");
    }

    @Test
    void aWarningWithItsCauseGoesToTheFileWithoutSecrets() throws Exception {
        Logger log = logger();
        SQLException cause = new SQLException("Access denied; url jdbc:mysql://db/shop?user=bob&password=hunter2");

        log.warn("Connecting with rac --cluster-pwd=swordfish failed, {}", "jdbc:postgresql://bob:opensesame@db/app",
                new IllegalStateException("refresh failed", cause));
        context.stop();

        Path file = dir.resolve("sessiondeck.log");
        assertThat(file).exists();
        String text = Files.readString(file);
        assertThat(text).contains("WARN", "refresh failed", "Caused by: java.sql.SQLException", "\tat ")
                .contains("--cluster-pwd=***", "password=***", "bob:***@db")
                .doesNotContain("hunter2", "swordfish", "opensesame");
    }

    /**
     * Logback finds the configurator through the service loader ({@code META-INF/services}); an
     * explicit configuration file (the benchmark's) is left to logback's own XML reading.
     */
    @Test
    void logbackFindsTheConfiguratorWhichLeavesAnExplicitFileToLogback() {
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class))
                .anyMatch(c -> c instanceof LogConfigurator);
        String saved = System.getProperty("logback.configurationFile");
        try {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
            LoggerContext other = new LoggerContext();
            LogConfigurator configurator = new LogConfigurator();
            configurator.setContext(other);
            assertThat(configurator.configure(other))
                    .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(other.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
                    .as("nothing set up").isFalse();
        } finally {
            if (saved == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", saved);
            }
        }
    }

    @Test
    void theCommandLineWritesNoLogLinesToStandardErrorUnlessVerbose() {
        String saved = System.getProperty(LogSetup.CONSOLE_LEVEL);
        try {
            System.clearProperty(LogSetup.CONSOLE_LEVEL);
            LogSetup.configure(new String[] {"list", "--host", "h"}, false);
            assertThat(System.getProperty(LogSetup.CONSOLE_LEVEL)).isEqualTo("OFF");

            System.clearProperty(LogSetup.CONSOLE_LEVEL);
            LogSetup.configure(new String[] {"list", "--verbose"}, false);
            assertThat(System.getProperty(LogSetup.CONSOLE_LEVEL)).isEqualTo("DEBUG");

            System.clearProperty(LogSetup.CONSOLE_LEVEL);
            LogSetup.configure(new String[0], true);
            assertThat(System.getProperty(LogSetup.CONSOLE_LEVEL)).as("the window also warns on the terminal it was started from")
                    .isEqualTo("WARN");
        } finally {
            if (saved == null) {
                System.clearProperty(LogSetup.CONSOLE_LEVEL);
            } else {
                System.setProperty(LogSetup.CONSOLE_LEVEL, saved);
            }
        }
    }
}
