package dev.sovereign.api.openai;

import java.util.List;

/** {@code GET /v1/models}: {@code {"object":"list","data":[{id, object:"model", created, owned_by}]}}. */
public record ModelList(String object, List<Model> data) {

    public record Model(String id, String object, long created, String ownedBy) {
        public static Model of(String id, String ownedBy) {
            return new Model(id, "model", 0L, ownedBy);
        }
    }

    public static ModelList of(List<Model> models) {
        return new ModelList("list", models);
    }
}
