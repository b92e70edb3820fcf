package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.TlsMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The data-source editor's validation ({@link DataSourceForm}) fed generated field values (a seeded
 * {@link Random}, so a failure repeats): names and hosts with control characters, odd ports and
 * timeouts, driver-property text, pasted URLs, 10,000-character strings. Every input gives either a
 * valid {@link ConnectionSpec} that holds what was typed or a problem on a field, never another
 * exception; a refused driver property is a problem on the properties field that names it.
 */
class DataSourceFormFuzzTest {

    private static final long SEED = 0xF0_4D_F0_4DL;
    private static final int CASES = 3_000;
    private static final String PASSWORD = "form-pw-41c9";
    private static final String LONG = "x".repeat(10_000);

    private static final List<String> TYPES = List.of("auto", "mysql", "mariadb", "oceanbase", "postgresql", "1c",
            "testcluster");
    private static final List<String> TEXTS = List.of("", " ", "ok", "a\u0000b", "line\nbreak", "tab\there", "\r\n",
            "\u001b[31mred", "rtl\u202etxt", "nb\u00a0sp", ".*", "(a|b)+$", "[", "\\", "'; DROP TABLE t; --", "%",
            "💥", "名前", LONG, "x\u0085y", "\u2028", "${jndi:ldap://x/y}");
    private static final List<String> HOSTS = List.of("db.example", "127.0.0.1", "::1", "[::1]", "", "  ", "a b",
            "a\u0000b", "a\nb", "a\u2003b", "*", "h'; --", "名前.example", LONG, "db.example\u0000");
    private static final List<String> PORTS = List.of("", "3306", " 3306 ", "0", "-1", "1", "65535", "65536", "abc",
            "+5", "1e3", "٣٣٠٦", "2147483648", "9".repeat(10_000), "\u0000");
    private static final List<String> SECONDS = List.of("", "5", "0.25", "0.249", "0", "-1", "3600", "3601", "300",
            "301", "abc", "1e3", "1e-3", "1e999999999", "1E-2147483648", "NaN", "Infinity", "0x10", "٥",
            "1".repeat(10_000), "0." + "0".repeat(10_000) + "1");
    private static final List<String> PROPERTY_LINES = List.of("allowLoadLocalInfile=true", "autoDeserialize=true",
            "sslMode=DISABLED", "socketFactory=x", "sslfactory=x", "characterEncoding=UTF-8", "ApplicationName=deck",
            "password=" + PASSWORD, "user=root", "connectTimeout=1", "=x", "nonsense", "# a comment", "", "  ",
            "a=b=c", "\u0000=\u0000", "key with space=1", LONG + "=1", "tcpKeepAlive=" + LONG, "line\rbreak=1");

    @BeforeAll
    static void english() {
        Messages.use(Locale.ENGLISH);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static DataSourceForm.Input generate(Random random) {
        String type = pick(random, TYPES);
        List<String> lines = new ArrayList<>();
        for (int i = random.nextBoolean() ? 0 : random.nextInt(4); i > 0; i--) {
            lines.add(pick(random, PROPERTY_LINES));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (random.nextInt(4) == 0) {
            options.put(pick(random, List.of("region", "cluster", "infobase", "nope", "")), pick(random, TEXTS));
        }
        TlsMode[] modes = TlsMode.values();
        return new DataSourceForm.Input(pick(random, TEXTS), type, random.nextBoolean() ? "127.0.0.1" : pick(random, HOSTS),
                random.nextBoolean() ? "3306" : pick(random, PORTS), random.nextBoolean() ? "deck" : pick(random, TEXTS),
                PASSWORD.toCharArray(), pick(random, TEXTS),
                random.nextInt(6) == 0 ? null : modes[random.nextInt(modes.length)],
                random.nextBoolean() ? "" : pick(random, TEXTS), random.nextBoolean() ? "5" : pick(random, SECONDS),
                random.nextBoolean() ? "10" : pick(random, SECONDS), String.join(pick(random, List.of("\n", "\r\n", "\r")), lines),
                options);
    }

    /** What the form makes of the input: a spec, or the problem; anything else thrown fails with the input shown. */
    private static Optional<ConnectionSpec> build(DataSourceForm.Input in) {
        try {
            return Optional.of(DataSourceForm.build(in));
        } catch (DataSourceForm.InvalidInput e) {
            assertThat(e.problem().field()).as("the field of %s", describe(in)).isNotNull();
            assertThat(e.problem().message()).as("the words for %s", describe(in)).isNotBlank().doesNotContain(PASSWORD);
            return Optional.empty();
        } catch (RuntimeException e) {
            return fail("%s escaped the form for %s", e, describe(in));
        }
    }

    private static String describe(DataSourceForm.Input in) {
        String text = in.toString().replace(LONG, "x*10000");
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    @Test
    void generatedFieldsGiveAValidSpecOrAProblemOnAField() throws Exception {
        Random random = new Random(SEED);
        int valid = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            DataSourceForm.Input in = generate(random);
            Optional<ConnectionSpec> spec = build(in);
            if (spec.isEmpty()) {
                continue;
            }
            valid++;
            // a valid spec holds what was typed, within the builder's bounds
            ConnectionSpec s = spec.get();
            String typed = in.host().strip();
            // an IPv6 address may come in brackets, as in a URL
            assertThat(s.host()).as("%s", describe(in)).isIn(typed, typed.replaceAll("^\\[(.+)]$", "$1"))
                    .doesNotContainPattern("\\s");
            assertThat(s.port()).as("%s", describe(in)).isBetween(1, 65535);
            if (!in.port().isBlank()) {
                assertThat(s.port()).as("%s", describe(in)).isEqualTo(Integer.parseInt(in.port().strip()));
            }
            assertThat(s.connectTimeout()).isBetween(ConnectionSpec.MIN_CONNECT_TIMEOUT, ConnectionSpec.MAX_CONNECT_TIMEOUT);
            assertThat(s.queryTimeout()).isBetween(ConnectionSpec.MIN_QUERY_TIMEOUT, ConnectionSpec.MAX_QUERY_TIMEOUT);
            assertThat(s.properties()).isEqualTo(DataSourceForm.parseProperties(in.properties()));
            assertThat(s.name()).isNotBlank();
            assertThat(String.valueOf(s.password())).isEqualTo(PASSWORD);
            assertThat(s.toString()).doesNotContain(PASSWORD);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("DataSourceFormFuzzTest: %d inputs, %d valid, %d ms%n", CASES, valid, millis);
        // the generator reaches both outcomes
        assertThat(valid).isPositive().isLessThan(CASES);
    }

    @Test
    void generatedPastedTextIsAUrlOrNotOrAProblemNeverAnEscapedException() {
        Random random = new Random(SEED + 1);
        List<String> schemes = List.of("jdbc:mysql://", "jdbc:mariadb://", "jdbc:postgresql://", "jdbc:oracle://",
                "JDBC:MySQL://", "jdbc:", "jdbc:mysql:", "", "db://");
        List<String> tails = List.of("", "/", "/db", "/%zz", "?", "?&", "?a", "?a=%", "?allowLoadLocalInfile=true",
                "?user=" + PASSWORD, "?password=%zz", "/db?autoDeserialize=true&useSSL=false", ":", ":99999", ":-1",
                ":abc", "#frag", "/" + LONG);
        List<String> authorities = List.of("127.0.0.1", "u:" + PASSWORD + "@127.0.0.1", "@", "[::1]", "[::1", "h h",
                "a\u0000b", "名前", "%41", "", LONG);
        for (int i = 0; i < CASES; i++) {
            String text = pick(random, schemes) + pick(random, authorities) + pick(random, tails) + pick(random, tails);
            try {
                DataSourceForm.readJdbcUrl(text).ifPresent(pasted -> assertThat(pasted.spec().host()).isNotBlank());
            } catch (DataSourceForm.InvalidInput e) {
                assertThat(e.problem().message()).as("%s", text).isNotBlank();
            } catch (RuntimeException e) {
                fail("%s escaped for pasted text %s", e, text.replace(LONG, "x*10000"));
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "auto       | allowLoadLocalInfile=true | allowLoadLocalInfile",
            "mysql      | allowLoadLocalInfile=true | allowLoadLocalInfile",
            "mariadb    | autoDeserialize=true      | autoDeserialize",
            "oceanbase  | socketFactory=x           | socketFactory",
            "mysql      | sslMode=DISABLED          | sslMode",
            "postgresql | sslfactory=x              | sslfactory",
            "postgresql | loggerFile=/tmp/x         | loggerFile",
    })
    void aRefusedDriverPropertyIsAProblemOnThePropertiesFieldNamingIt(String type, String line, String name) {
        DataSourceForm.Input in = new DataSourceForm.Input("prod", type, "127.0.0.1", "", "deck", PASSWORD.toCharArray(),
                "", TlsMode.PREFERRED, "", "5", "10", "# tuning\n\n" + line);

        assertThatThrownBy(() -> DataSourceForm.build(in)).isInstanceOfSatisfying(DataSourceForm.InvalidInput.class, e -> {
            assertThat(e.problem().field()).isEqualTo(DataSourceForm.Field.PROPERTIES);
            assertThat(e.problem().message()).contains("'" + name + "'").contains("not allowed");
        });
    }
}
