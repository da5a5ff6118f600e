package dev.sovereign.gateway.admin;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.auth.Authenticator;
import dev.sovereign.gateway.auth.KeyHash;
import dev.sovereign.gateway.auth.KeyRegistry;
import dev.sovereign.gateway.http.Bodies;
import dev.sovereign.gateway.http.Replies;
import dev.sovereign.gateway.usage.UsageLedger;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API, behind its own key: create, list and revoke API keys, and aggregate usage.
 * The secret of a new key is returned once, in the creation answer.
 */
public final class AdminApi {

    private final String adminKeyHash;
    private final KeyRegistry keys;
    private final UsageLedger ledger;
    private final NewKeyValidation validation = new NewKeyValidation();

    public AdminApi(String adminKey, KeyRegistry keys, UsageLedger ledger) {
        this.adminKeyHash = adminKey == null ? null : KeyHash.of(adminKey);
        this.keys = keys;
        this.ledger = ledger;
    }

    public void register(HttpRules rules) {
        rules.post("/admin/keys", guarded(this::create))
                .get("/admin/keys", guarded(this::list))
                .delete("/admin/keys/{id}", guarded(this::revoke))
                .get("/admin/usage", guarded(this::usage));
    }

    private interface Action {
        void run(ServerRequest request, ServerResponse response);
    }

    private io.helidon.webserver.http.Handler guarded(Action action) {
        return (request, response) -> {
            try {
                authorize(request);
                action.run(request, response);
            } catch (ApiException e) {
                Replies.error(response, e, false);
            }
        };
    }

    private void authorize(ServerRequest request) {
        if (adminKeyHash == null) {
            throw ApiErrors.notFound("the admin API (no admin key is configured)");
        }
        String presented = Authenticator.presented(request.headers().first(HeaderNames.AUTHORIZATION),
                request.headers().first(HeaderNames.create("x-api-key")));
        if (!MessageDigest.isEqual(KeyHash.of(presented).getBytes(StandardCharsets.US_ASCII),
                adminKeyHash.getBytes(StandardCharsets.US_ASCII))) {
            throw ApiErrors.unauthorized("invalid admin key");
        }
    }

    private void create(ServerRequest request, ServerResponse response) {
        com.fasterxml.jackson.databind.node.ObjectNode json = RequestReader.readObject(Bodies.read(request, 64 * 1024));
        validation.check(json);
        NewKeyRequest body = RequestReader.bind(json, NewKeyRequest.class);
        KeyRegistry.Created created = keys.create(body.tenant(), body.allowedModels(), body.toLimits());
        Replies.json(response, 201, Map.of("id", created.key().id(), "key", created.secret(), "tenant", created.key().tenant(),
                "allowed_models", created.key().allowedModels()));
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<Map<String, Object>> data = keys.all().stream().map(AdminApi::describe).toList();
        Replies.json(response, 200, Map.of("object", "list", "data", data));
    }

    private static Map<String, Object> describe(ApiKey k) {
        return Map.of("id", k.id(), "tenant", k.tenant(), "allowed_models", k.allowedModels(), "source", k.source(),
                "revoked", k.revoked(), "created_at", k.createdAt().toString());
    }

    private void revoke(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        ApiKey revoked = keys.revoke(id).orElseThrow(() -> ApiErrors.notFound("API key '" + id + "'"));
        Replies.json(response, 200, describe(revoked));
    }

    private void usage(ServerRequest request, ServerResponse response) {
        var query = request.query();
        Optional<String> tenant = query.first("tenant").asOptional().filter(s -> !s.isBlank());
        Optional<String> model = query.first("model").asOptional().filter(s -> !s.isBlank());
        Instant from = query.first("from").asOptional().filter(s -> !s.isBlank()).map(v -> instant("from", v)).orElse(null);
        Instant to = query.first("to").asOptional().filter(s -> !s.isBlank()).map(v -> instant("to", v)).orElse(null);
        Replies.json(response, 200, Map.of("object", "list",
                "data", ledger.totals(tenant.orElse(null), model.orElse(null), from, to)));
    }

    /** An ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or a date ({@code 2026-11-27}, midnight UTC). */
    static Instant instant(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiErrors.invalidField(field, "'" + value + "' is neither an ISO-8601 instant nor a date (YYYY-MM-DD)");
        }
    }
}
