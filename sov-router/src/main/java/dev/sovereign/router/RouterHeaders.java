package dev.sovereign.router;

import java.util.LinkedHashMap;
import java.util.Map;

/** The response headers of a routed request, as the gateway should send them. */
public final class RouterHeaders {
    public static final String SELECTED_MODEL = "x-sov-selected-model";
    public static final String DOMAIN = "x-sov-domain";
    public static final String DECISION = "x-sov-decision";
    public static final String REASONING = "x-sov-reasoning";
    public static final String PII = "x-sov-pii";
    public static final String JAILBREAK = "x-sov-jailbreak";

    private RouterHeaders() {
    }

    public static Map<String, String> of(Decision d) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SELECTED_MODEL, d.model());
        h.put(DOMAIN, d.domain() == null ? "none" : d.domain());
        h.put(DECISION, d.decision());
        h.put(REASONING, d.useReasoning() ? "on" : "off");
        h.put(PII, d.pii().isEmpty() ? "none" : String.join(",", d.pii()));
        h.put(JAILBREAK, d.jailbreak() ? "blocked" : "false");
        return h;
    }
}
