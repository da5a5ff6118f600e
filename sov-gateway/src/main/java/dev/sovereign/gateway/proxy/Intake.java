package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatMessage;
import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.limits.Admission;
import dev.sovereign.gateway.limits.Estimate;
import dev.sovereign.gateway.limits.Ticket;
import dev.sovereign.gateway.mom.ModelChooser;
import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.routing.RoutePlan;
import java.util.List;
import java.util.Optional;

/**
 * The checks every model request passes before it leaves the gateway, in order: model name
 * (body, or the {@code x-ai-eg-model} header), virtual model through the router, route (404),
 * key permission (403), then limits (429).
 */
public final class Intake {

    public static final String MODEL_HEADER = "x-ai-eg-model";

    private final LiveRoutes routes;
    private final Admission admission;
    private final Accounting accounting;
    private final Optional<ModelChooser> chooser;
    private final long maxRoutedBodyBytes;

    public Intake(LiveRoutes routes, Admission admission, Accounting accounting, Optional<ModelChooser> chooser,
                  long maxRoutedBodyBytes) {
        this.maxRoutedBodyBytes = maxRoutedBodyBytes;
        this.routes = routes;
        this.admission = admission;
        this.accounting = accounting;
        this.chooser = chooser;
    }

    public record Admitted(RoutePlan plan, Ticket ticket) {
    }

    /**
     * Routes and admits a request whose OpenAI body is {@code body}. {@code messages} feeds the
     * router for virtual models (null when not a chat request).
     */
    public Admitted admit(CallContext call, ObjectNode body, Optional<String> headerModel, List<ChatMessage> messages,
                          long inputUpperBound, Integer requestedOutput, int sequences) {
        RoutePlan plan = plan(call, body, headerModel, messages);
        Ticket ticket = admission.admit(call.key, new Estimate(inputUpperBound, requestedOutput, sequences,
                call.operation.producesOutput(), accounting.priceOf(plan.publicModel())));
        call.ticket = ticket;
        return new Admitted(plan, ticket);
    }

    /** Routes a request that runs no generation (token counting): no limits, no usage. */
    public Admitted route(CallContext call, ObjectNode body, Optional<String> headerModel) {
        return new Admitted(plan(call, body, headerModel, null), null);
    }

    private RoutePlan plan(CallContext call, ObjectNode body, Optional<String> headerModel, List<ChatMessage> messages) {
        ApiKey key = call.key;
        JsonNode bodyModel = body.get("model");
        if (bodyModel != null && !bodyModel.isNull() && !bodyModel.isTextual()) {
            throw ApiErrors.invalidField("model", "expected a string");
        }
        String model = headerModel.filter(h -> !h.isBlank())
                .orElse(bodyModel == null || bodyModel.isNull() ? null : bodyModel.asText());
        if (model == null || model.isBlank()) {
            throw ApiErrors.missingField("model");
        }
        call.requestedModel = model;
        if (chooser.isPresent() && chooser.get().virtualModels().contains(model)) {
            if (messages == null) {
                throw ApiErrors.invalidField("model", "'" + model + "' chooses among chat models; use it with chat requests");
            }
            if (call.bodyBytes > maxRoutedBodyBytes) {
                // the router reads every message the client controls: its cost is bounded here, before it runs
                throw new ApiException(413, new ApiError("request body of " + call.bodyBytes + " bytes is over the "
                        + maxRoutedBodyBytes + " bytes a request to '" + model + "' may have (gateway.maxRoutedBodyBytes)",
                        ApiErrors.INVALID_REQUEST, "messages", "request_too_large"));
            }
            ModelChooser.Choice choice = chooser.get().choose(model, body.get("messages"));
            call.routerHeaders = choice.headers();
            if (choice.refusal() != null) {
                throw choice.refusal();
            }
            call.rewrite = choice.rewrite();
            choice.bodyChanges().forEach((field, value) -> body.set(field, WireJson.tree(value)));
            if (choice.messages() != null) {
                body.set("messages", choice.messages());
            }
            model = choice.model();
        }
        RoutePlan plan = routes.catalog().plan(model);
        call.publicModel = plan.publicModel();
        if (!key.allows(call.requestedModel) && !key.allows(plan.publicModel())) {
            throw ApiErrors.forbiddenModel(call.requestedModel);
        }
        return plan;
    }

    public List<String> virtualModels() {
        return chooser.map(ModelChooser::virtualModels).orElse(List.of());
    }
}
