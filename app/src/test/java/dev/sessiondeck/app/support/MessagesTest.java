package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Properties;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @AfterEach
    void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void chineseBundleHasEveryEnglishKey() throws IOException {
        assertThat(bundle("messages_zh.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(bundle("messages.properties").keySet());
    }

    @Test
    void langOptionPicksChineseOrEnglish() {
        Messages.use(Messages.localeFor("zh"));
        assertThat(Messages.get("toolbar.closeSession")).isEqualTo("关闭会话");
        Messages.use(Messages.localeFor("en"));
        assertThat(Messages.get("toolbar.closeSession")).isEqualTo("Close Session");
    }

    @Test
    void argumentsAreFormatted() {
        Messages.use(Locale.ENGLISH);
        assertThat(Messages.get("status.counts", 12, 3, 5)).isEqualTo("12 sessions, 3 active, 5 shown");
        assertThat(Messages.get("action.confirm.header.closeSession", 1)).startsWith("Close this session");
        assertThat(Messages.get("action.confirm.header.closeSession", 3)).startsWith("Close these 3 sessions");
    }
}
