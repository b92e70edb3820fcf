package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.mysql.MySqlErrors;
import dev.sessiondeck.core.ssh.SshException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Core's failures are keys the window words in its language; the English stays for logs and the CLI. */
class SourceTextTest {

    @Test
    void aKillOfAnEndedSessionIsWordedInChineseAndInEnglish() throws SourceException {
        Text what = KillVerification.describe("prod", SessionKey.ofId("prod", "42"), KillMode.SESSION);
        SourceException e = new SourceException(SourceException.Kind.SESSION_GONE, SourceText.of("failure.gone", what));

        assertThat(e.getMessage()).isEqualTo("Cannot close session 42 on prod: the session has ended");
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("无法关闭 prod 上的会话 42：会话已结束");
    }

    @Test
    void aServersOwnMessageStaysItsWordsInsideATranslatedFrame() {
        SQLException denied = new SQLException("Access denied for user 'x'@'localhost'", "28000", MySqlErrors.ACCESS_DENIED);
        SourceException e = new MySqlErrors().translate(denied, SourceText.of("what.connect", "db:3306"));

        assertThat(e.kind()).isEqualTo(SourceException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).isEqualTo("Cannot connect to db:3306: the server refused the user name or password"
                + " (Access denied for user 'x'@'localhost')");
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).startsWith("无法连接到 db:3306")
                .contains("Access denied for user 'x'@'localhost'").doesNotContain("refused");
    }

    @Test
    void aRefusedConnectionIsWordedInChinese() {
        SQLException refused = new SQLException("Communications link failure", "08S01", new ConnectException("Connection refused"));
        SourceException e = SqlErrors.network(refused, SourceText.of("what.connect", "127.0.0.1:1")).orElseThrow();

        assertThat(e.kind()).isEqualTo(SourceException.Kind.UNREACHABLE);
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("无法连接到 127.0.0.1:1：服务器拒绝了连接或无法访问（Connection refused）");
    }

    @Test
    void aSentenceWithoutKeyStaysAsItIsInEveryLanguage() {
        SourceException e = new SourceException(SourceException.Kind.SERVER_ERROR, "rac said: 'no' {0}");
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("rac said: 'no' {0}");
        assertThat(e.getMessage()).isEqualTo("rac said: 'no' {0}");
    }

    @Test
    void aKeyOfAnotherDataSourceIsRefusedInBothLanguages() {
        assertThatThrownBy(() -> KillVerification.describe("prod", SessionKey.ofId("test", "7"), KillMode.QUERY))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Cannot cancel the statement of session 7 on prod: the session"
                            + " belongs to data source test");
                    assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("无法取消 prod 上会话 7 的语句：该会话属于数据源 test");
                });
    }

    @Test
    void aTunnelsLoopbackAddressIsReplacedInsideTheWordsNotInTheirLanguage() {
        Text through = SourceText.of("failure.refused", SourceText.of("what.connect", "127.0.0.1:40123"), "Connection refused")
                .replacing("127.0.0.1:40123", "db.internal:3306 (SSH ops@bastion:22)");
        assertThat(through.english()).isEqualTo("Cannot connect to db.internal:3306 (SSH ops@bastion:22): the server refused"
                + " the connection or cannot be reached (Connection refused)");
        assertThat(through.resolve(Locale.SIMPLIFIED_CHINESE)).startsWith("无法连接到 db.internal:3306 (SSH ops@bastion:22)：");
    }

    @Test
    void anSshHopThatFailsIsWordedInChinese() {
        String ssh = "dev.sessiondeck.core.ssh.messages";
        SshException refused = new SshException(SshException.Kind.UNREACHABLE, Text.of(ssh, "reason.refused"),
                Text.of(ssh, "connect.refused").with("ops@bastion:22", "Connection refused"), null, null);
        ConnectionSpec spec = ConnectionSpec.builder().name("prod").host("db.internal").user("u").build();
        SourceException e = TunneledSessionSource.translate(refused, spec);

        assertThat(e.getMessage()).isEqualTo("prod is unreachable (SSH: connection refused): Cannot connect to the SSH server"
                + " ops@bastion:22: it refused the connection or cannot be reached (Connection refused)");
        assertThat(e.text().resolve(Locale.SIMPLIFIED_CHINESE)).isEqualTo("无法访问 prod（SSH：连接被拒绝）：无法连接到 SSH 服务器"
                + " ops@bastion:22：它拒绝了连接或无法访问（Connection refused）");
    }
}
