package dev.sessiondeck.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets never reach a log line or a message: each form SessionDeck meets becomes {@code ***}, the rest stays. */
class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            jdbc:mysql://db/shop?user=bob&password=hunter2&useUnicode=true | jdbc:mysql://db/shop?user=bob&password=***&useUnicode=true
            jdbc:postgresql://db/app?PASSWORD=hunter2                       | jdbc:postgresql://db/app?PASSWORD=***
            mysql://bob:hunter2@db:3306/shop                                | mysql://bob:***@db:3306/shop
            rac session list --cluster-user=admin --cluster-pwd=hunter2 --cluster=1 | rac session list --cluster-user=admin --cluster-pwd=*** --cluster=1
            rac infobase info --infobase-pwd "two words" --infobase=x      | rac infobase info --infobase-pwd *** --infobase=x
            `{"name": "prod", "password": "hun\\"ter2", "port": 1}`       | `{"name": "prod", "password": "***", "port": 1}`
            connect failed; pwd=hunter2; retrying                           | connect failed; pwd=***; retrying
            user=bob secret=hunter2 host=db                                 | user=bob secret=*** host=db
            password1=hunter2,password2=swordfish                          | password1=***,password2=***
            """)
    void secretsAreReplaced(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected).doesNotContain("hunter2", "swordfish", "two words");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Cannot connect to db.example:3306: the server refused the connection
            SELECT * FROM passwords WHERE id = 4
            the user's password was rejected (Access denied for user 'bob'@'localhost')
            https://dev.mysql.com/doc/refman/8.4/en/kill.html
            """)
    void textWithoutSecretsIsUnchanged(String text) {
        assertThat(Redaction.redact(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(Redaction.redact(null)).isNull();
        assertThat(Redaction.redact("")).isEmpty();
    }
}
