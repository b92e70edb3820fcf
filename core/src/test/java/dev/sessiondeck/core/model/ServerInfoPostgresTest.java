package dev.sessiondeck.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerInfoPostgresTest {

    @ParameterizedTest(name = "server_version_num {0} is {1}")
    @CsvSource({
            "180006, 18.6.0",
            "170002, 17.2.0",
            "130023, 13.23.0",
            "120022, 12.22.0",
            "100000, 10.0.0",
            "90624, 9.6.24",
            "' 160004 ', 16.4.0",
    })
    void versionComesFromServerVersionNum(String number, String expected) {
        ServerInfo info = ServerInfo.postgres("PostgreSQL 16.4 on aarch64-unknown-linux-gnu", number);

        assertThat(info.product()).isEqualTo(Product.POSTGRESQL);
        assertThat(info.version().toString()).isEqualTo(expected);
        assertThat(info.versionString()).isEqualTo("PostgreSQL 16.4 on aarch64-unknown-linux-gnu");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"18.6", "0", "-120000", "abc"})
    void aServerVersionNumThatIsNoPositiveNumberIsRejected(String number) {
        assertThatThrownBy(() -> ServerInfo.postgres("PostgreSQL", number))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server_version_num");
    }

    @ParameterizedTest
    @ValueSource(strings = {"120000", "180006"})
    void everyPostgresCanCancelTerminateAndShowBlocking(String number) {
        assertThat(ServerInfo.postgres("PostgreSQL", number).capabilities())
                .containsExactlyInAnyOrder(Capability.KILL_QUERY, Capability.KILL_SESSION, Capability.BLOCKING);
    }
}
