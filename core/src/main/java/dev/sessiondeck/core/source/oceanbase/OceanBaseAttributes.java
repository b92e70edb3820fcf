package dev.sessiondeck.core.source.oceanbase;

import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Text;
import java.time.Duration;

/**
 * What OceanBase's {@code GV$OB_PROCESSLIST} has beyond the common values (OceanBase manual,
 * "GV$OB_PROCESSLIST"): the OCP page's SQL ID, OBServer and OBProxy, then the rest for the column
 * chooser and the details.
 */
public final class OceanBaseAttributes {

    static final String BUNDLE = "dev.sessiondeck.core.source.oceanbase.messages";

    private OceanBaseAttributes() {
    }

    private static Text title(String id) {
        return Text.of(BUNDLE, "attribute." + id);
    }

    /** OCP "SQL ID": {@code SQL_ID}, the statement's digest; between SQL and User. */
    public static final Attribute<String> SQL_ID = Attribute.text("sqlId", title("sqlId")).shown().order(25).build();
    /** OCP "OBServer": the server hosting the session, {@code SVR_IP:SQL_PORT}. */
    public static final Attribute<String> OB_SERVER = Attribute.text("obServer", title("obServer")).shown().order(100).build();
    /** OCP "OBProxy": {@code HOST} when the client came through OBProxy ({@code PROXY_SESSID} set). */
    public static final Attribute<String> OB_PROXY = Attribute.text("obProxy", title("obProxy")).shown().order(110).build();
    /** {@code TRACE_ID}. */
    public static final Attribute<String> TRACE_ID = Attribute.text("traceId", title("traceId")).order(340)
            .category("statement").build();
    /** {@code TRANS_ID}. */
    public static final Attribute<Long> TRANSACTION_ID = Attribute.count("transactionId", title("transactionId"))
            .order(605).category("transaction").exportKey("transactionId").build();
    /** {@code PROXY_SESSID}: OBProxy's own session id. */
    public static final Attribute<Long> PROXY_SESSION_ID = Attribute.count("proxySessionId", title("proxySessionId"))
            .order(520).category("client").exportKey("proxySessionId").build();
    /** {@code TOTAL_CPU_TIME} (seconds in the view). */
    public static final Attribute<Duration> CPU_TIME = Attribute.duration("cpuTime", title("cpuTime"))
            .order(430).category("resources").build();
    /** {@code RETRY_CNT}. */
    public static final Attribute<Long> RETRY_COUNT = Attribute.count("retryCount", title("retryCount"))
            .order(440).category("resources").build();
    /** {@code IN_BYTES}. */
    public static final Attribute<Long> BYTES_IN = Attribute.bytes("bytesIn", title("bytesIn"))
            .order(450).category("resources").exportKey("bytesIn").build();
    /** {@code OUT_BYTES}. */
    public static final Attribute<Long> BYTES_OUT = Attribute.bytes("bytesOut", title("bytesOut"))
            .order(460).category("resources").exportKey("bytesOut").build();
    /** Full-link trace {@code LEVEL} (4.2.1+), absent while tracing is off. */
    public static final Attribute<Long> TRACE_LEVEL = Attribute.count("traceLevel", title("traceLevel"))
            .order(800).category("trace").build();
    /** Full-link trace {@code SAMPLE_PERCENTAGE}, in percent. */
    public static final Attribute<Double> TRACE_SAMPLE = Attribute.percent("traceSample", title("traceSample"))
            .order(810).category("trace").build();
    /** Full-link trace {@code RECORD_POLICY}. */
    public static final Attribute<String> TRACE_POLICY = Attribute.text("tracePolicy", title("tracePolicy"))
            .order(820).category("trace").build();
    /** {@code TENANT} (3.x {@code SHOW FULL PROCESSLIST}, 4.x where the view has it). */
    public static final Attribute<String> TENANT = Attribute.text("tenant", title("tenant"))
            .order(530).category("client").build();
}
