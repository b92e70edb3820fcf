package dev.sessiondeck.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SshTunnelSpecTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ops@bastion.example,         ops, bastion.example, 22",
            "ops@bastion.example:2222,    ops, bastion.example, 2222",
            "ops@10.0.0.7:22,             ops, 10.0.0.7,        22",
            "ops@[::1]:2200,              ops, ::1,             2200",
            "ops@[fe80::1],               ops, fe80::1,         22",
            "first.last@host,             first.last, host,     22",
    })
    void readsUserHostPort(String target, String user, String host, int port) {
        SshTunnelSpec spec = SshTunnelSpec.parseTarget(target).build();
        assertThat(spec.user()).isEqualTo(user);
        assertThat(spec.host()).isEqualTo(host);
        assertThat(spec.port()).isEqualTo(port);
        assertThat(spec.auth()).isEqualTo(SshAuth.AGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bastion", "@bastion", "ops@", "ops@host:port", "ops@[::1", "ops@host:70000"})
    void refusesWhatIsNotUserAtHost(String target) {
        assertThatThrownBy(() -> SshTunnelSpec.parseTarget(target).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyAuthNeedsAKeyFileAndAKeyFileMeansKeyAuth() {
        assertThatThrownBy(() -> SshTunnelSpec.builder().host("h").user("u").auth(SshAuth.KEY).build())
                .hasMessageContaining("key file");
        assertThat(SshTunnelSpec.builder().host("h").user("u").keyFile("/k").build().auth()).isEqualTo(SshAuth.KEY);
    }

    @Test
    void secretNeverShows() {
        SshTunnelSpec spec = SshTunnelSpec.builder().host("h").user("u").auth(SshAuth.PASSWORD)
                .secret("hunter2".toCharArray()).build();
        assertThat(spec.toString()).doesNotContain("hunter2");
        assertThat(spec.describe()).isEqualTo("u@h:22");
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(new String(spec.secret())).isEqualTo("hunter2");
    }
}
