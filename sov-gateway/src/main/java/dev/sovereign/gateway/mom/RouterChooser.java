package dev.sovereign.gateway.mom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.router.Decision;
import dev.sovereign.router.RouteRequest;
import dev.sovereign.router.SemanticRouter;
import java.util.List;

/** The semantic router behind the virtual model ({@code MoM}): signals in, a concrete model out. */
public final class RouterChooser implements ModelChooser {

    private final SemanticRouter router;

    public RouterChooser(SemanticRouter router) {
        this.router = router;
    }

    @Override
    public List<String> virtualModels() {
        return List.of(router.autoModelName());
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
        if (decision.blocked()) {
            Object message = decision.errorBody() instanceof java.util.Map<?, ?> body && body.get("error") instanceof java.util.Map<?, ?> error
                    ? error.get("message") : "request blocked by the router: " + decision.blockReason();
            throw new ApiException(403, new ApiError(String.valueOf(message), ApiErrors.PERMISSION, "messages",
                    "blocked_" + decision.blockReason()));
        }
        List<String> redacted = "redact".equals(decision.piiAction()) ? decision.redactedMessages() : null;
        return new Choice(decision.model(), decision.requestMutation(), decision.headers(),
                MessageRewrite.apply(messages, redacted, decision.systemPrompt()));
    }
}
