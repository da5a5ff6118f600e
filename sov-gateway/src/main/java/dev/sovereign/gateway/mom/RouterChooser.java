package dev.sovereign.gateway.mom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.router.Decision;
import dev.sovereign.router.RouteRequest;
import dev.sovereign.router.SemanticRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic router behind the virtual model ({@code MoM}): signals in, a concrete model out.
 * When the router fails, {@code failClosed} decides: refuse (503) or serve the default model
 * unguarded, as the router's own fallback does.
 */
public final class RouterChooser implements ModelChooser {

    private static final Logger LOG = LoggerFactory.getLogger(RouterChooser.class);

    private final SemanticRouter router;
    private final boolean failClosed;

    public RouterChooser(SemanticRouter router) {
        this(router, RouterFailurePolicy.failsClosedByDefault(router.config()));
    }

    public RouterChooser(SemanticRouter router, boolean failClosed) {
        this.router = router;
        this.failClosed = failClosed;
    }

    @Override
    public List<String> virtualModels() {
        return List.of(router.autoModelName());
    }

    public boolean failClosed() {
        return failClosed;
    }

    @Override
    public Choice choose(String virtualModel, JsonNode messages) {
        RouteRequest request;
        try {
            request = RouteRequest.fromOpenAi(messages);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidField("messages", e.getMessage().replaceFirst("^messages: ", ""));
        }
        Decision decision = router.decide(request);
        if (decision.fallback() && failClosed) {
            router.metrics().recordRefusedOnFailure();
            LOG.warn("router failed on a {} request; refused with 503 (router.failClosed is on)", virtualModel);
            return refused(decision, new ApiException(503, new ApiError("The router failed on this request and this gateway "
                    + "fails closed (router.failClosed): it was not sent to any model. Try again; if it persists, tell the "
                    + "operator.", "service_unavailable", null, "router_unavailable")));
        }
        if (decision.blocked()) {
            Object message = decision.errorBody() instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error
                    ? error.get("message") : "request blocked by the router: " + decision.blockReason();
            return refused(decision, new ApiException(403, new ApiError(String.valueOf(message), ApiErrors.PERMISSION, "messages",
                    "blocked_" + decision.blockReason())));
        }
        List<String> redacted = "redact".equals(decision.piiAction()) ? decision.redactedMessages() : null;
        Rewrite rewrite = new Rewrite(replacements(request, decision), decision.systemPrompt(),
                decision.requestMutation().isEmpty() && !decision.useReasoning() ? null : decision.useReasoning());
        return new Choice(decision.model(), decision.requestMutation(), decision.headers(),
                MessageRewrite.apply(messages, redacted, decision.systemPrompt()), rewrite, null);
    }

    @Override
    public void writeMetrics(StringBuilder out) {
        router.metrics().writePrometheus(out);
    }

    private static Choice refused(Decision decision, ApiException refusal) {
        return new Choice(decision.model(), Map.of(), decision.headers(), null, Rewrite.NONE, refusal);
    }

    /**
     * Each PII span the router redacted, as original text → its placeholder: spans whose text is
     * still in the redacted message were allowed by the policy and stay.
     */
    private static Map<String, String> replacements(RouteRequest request, Decision decision) {
        if (!"redact".equals(decision.piiAction()) || decision.redactedMessages() == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Decision.PiiSpan span : decision.piiEntities()) {
            if (span.message() >= request.messages().size() || span.message() >= decision.redactedMessages().size()) {
                continue;
            }
            String text = request.messages().get(span.message()).text();
            if (span.end() > text.length() || span.start() >= span.end()) {
                continue;
            }
            String original = text.substring(span.start(), span.end());
            if (!decision.redactedMessages().get(span.message()).contains(original)) {
                out.put(original, "<" + span.type() + ">");
            }
        }
        return out;
    }
}
