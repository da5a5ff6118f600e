package dev.sovereign.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.Map;

/** One log event as one compact JSON object: ts, level, logger, thread, msg, key-values, error. */
final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(out, "level", event.getLevel().toString());
        field(out, "logger", event.getLoggerName());
        field(out, "thread", event.getThreadName());
        field(out, "msg", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> field(out, kv.key, String.valueOf(kv.value)));
        }
        for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
            field(out, mdc.getKey(), mdc.getValue());
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            field(out, "error", ThrowableProxyUtil.asString(error));
        }
        out.setLength(out.length() - 1);
        return out.append("}\n").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('"').append(ESCAPE.quoteAsString(name)).append("\":\"")
                .append(value == null ? "" : new String(ESCAPE.quoteAsString(value))).append("\",");
    }
}
