package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.sessiondeck.core.profile.LogDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped {@code logback.xml}: warnings go to a file in the log folder with their causes and stack
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

    /** A logging context of its own, configured from the application's logback.xml, writing into {@link #dir}. */
    private Logger logger() throws Exception {
        savedDir = System.getProperty(LogDirectory.OVERRIDE_PROPERTY);
        System.setProperty(LogDirectory.OVERRIDE_PROPERTY, dir.toString());
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogSetup.class.getResource("/logback.xml"));
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
