package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.AlertingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scrape target and the per-model SLO alerts, for the Prometheus operator
 * (ServiceMonitor, PrometheusRule) or VictoriaMetrics (VMServiceScrape, VMRule). Both pairs
 * carry the same endpoints and the same rule groups; only the API differs.
 */
final class MonitoringRenderer {

    /** p95 time to first token above which a model is considered cold-starting for too long. */
    static final int COLD_START_BUDGET_SECONDS = 90;
    static final String ABORT_RATIO_THRESHOLD = "0.05";

    private final RenderOptions options;

    MonitoringRenderer(RenderOptions options) {
        this.options = options;
    }

    private boolean victoria() {
        return RenderOptions.VICTORIAMETRICS.equals(options.monitoring());
    }

    Map<String, Object> scrape(InferenceService service) {
        Map<String, Object> endpoint = map("port", "http", "path", "/metrics",
                "interval", service.spec().observability().metrics().interval(), "scrapeTimeout", "10s");
        return map("apiVersion", victoria() ? "operator.victoriametrics.com/v1beta1" : "monitoring.coreos.com/v1",
                "kind", victoria() ? "VMServiceScrape" : "ServiceMonitor",
                "metadata", Names.metadata(service, victoria() ? "vmservicescrape" : "servicemonitor"),
                "spec", map("selector", map("matchLabels", Names.labels(service, Names.INFERENCE)),
                        "endpoints", list(endpoint)));
    }

    /** The Endpoint Picker's own metrics, on the port the inferencepool chart names. */
    Map<String, Object> endpointPickerScrape(InferenceService service) {
        Map<String, Object> endpoint = map("port", EndpointPicker.METRICS_PORT_NAME, "path", "/metrics",
                "interval", service.spec().observability().metrics().interval(), "scrapeTimeout", "10s");
        return map("apiVersion", victoria() ? "operator.victoriametrics.com/v1beta1" : "monitoring.coreos.com/v1",
                "kind", victoria() ? "VMServiceScrape" : "ServiceMonitor",
                "metadata", Names.metadata(service, EndpointPicker.name(service), EndpointPicker.COMPONENT,
                        victoria() ? "epp-vmservicescrape" : "epp-servicemonitor"),
                "spec", map("selector", map("matchLabels", EndpointPicker.podLabels(service)),
                        "endpoints", list(endpoint)));
    }

    Map<String, Object> rules(InferenceService service) {
        AlertingRules custom = service.spec().observability().alertingRules();
        List<Object> groups = custom != null && custom.groups() != null
                ? new ArrayList<>(custom.groups()) : list(defaultGroup(service.name()));
        return map("apiVersion", victoria() ? "operator.victoriametrics.com/v1beta1" : "monitoring.coreos.com/v1",
                "kind", victoria() ? "VMRule" : "PrometheusRule",
                "metadata", Names.metadata(service, victoria() ? "vmrule" : "prometheusrule"),
                "spec", map("groups", groups));
    }

    static Map<String, Object> defaultGroup(String model) {
        String selector = "model_name=\"" + model + "\"";
        return map("name", model + "-slo", "interval", "30s", "rules", list(
                map("alert", "InferenceServiceColdStartBudgetExceeded",
                        "expr", "histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{"
                                + selector + "}[5m]))) > " + COLD_START_BUDGET_SECONDS,
                        "for", "10m",
                        "labels", map("severity", "warning", "model", model),
                        "annotations", map("summary", model + ": p95 time to first token above "
                                + COLD_START_BUDGET_SECONDS + "s for 10m (cold starts or overload)")),
                map("alert", "InferenceServiceErrorRateHigh",
                        "expr", "sum(rate(vllm:request_success_total{" + selector + ",finished_reason=\"abort\"}[10m]))"
                                + " / sum(rate(vllm:request_success_total{" + selector + "}[10m])) > "
                                + ABORT_RATIO_THRESHOLD,
                        "for", "10m",
                        "labels", map("severity", "critical", "model", model),
                        "annotations", map("summary", model + ": more than 5% of requests aborted over 10m"))));
    }
}
