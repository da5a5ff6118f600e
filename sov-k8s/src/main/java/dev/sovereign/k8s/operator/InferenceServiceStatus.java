package dev.sovereign.k8s.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed; fields and printer columns follow the reference's status plus conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceServiceStatus {

    private Long observedGeneration;
    private String phase;
    private Integer readyReplicas;
    private String modelEndpoint;
    private String url;
    private String servedModelsSummary;
    private List<ServedModel> servedModels = new ArrayList<>();
    private List<Condition> conditions = new ArrayList<>();

    /** One model name clients can request from this service. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServedModel(String name, String kind, Integer canaryWeightPercent) {
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getModelEndpoint() {
        return modelEndpoint;
    }

    public void setModelEndpoint(String modelEndpoint) {
        this.modelEndpoint = modelEndpoint;
    }

    /** In-cluster base URL of the model's OpenAI-compatible API. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getServedModelsSummary() {
        return servedModelsSummary;
    }

    public void setServedModelsSummary(String servedModelsSummary) {
        this.servedModelsSummary = servedModelsSummary;
    }

    public List<ServedModel> getServedModels() {
        return servedModels;
    }

    public void setServedModels(List<ServedModel> servedModels) {
        this.servedModels = servedModels;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
