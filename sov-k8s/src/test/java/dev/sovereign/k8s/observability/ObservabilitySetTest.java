package dev.sovereign.k8s.observability;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.Golden;
import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.k8s.yaml.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability loads as it is (dashboards as JSON, alert rules as YAML rule files),
 * the engine dashboard keeps the reference's seven rows, and every metric name any query
 * reads is in metric-names.txt, which lists vLLM v0.25's and the OpenTelemetry GenAI names.
 */
class ObservabilitySetTest {

    private static final Path SET = Golden.root().resolve("deploy/observability");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEPRECATED = Set.of("vllm:gpu_cache_usage_perc", "vllm:gpu_prefix_cache_queries_total",
            "vllm:gpu_prefix_cache_hits_total", "vllm:time_per_output_token_seconds_bucket");

    @Test
    void engineDashboardHasTheReferencesSevenRows() throws IOException {
        Map<String, Object> dashboard = dashboard("engine-fleet.json");
        List<Object> rows = listAt(dashboard, "panels").stream().filter(p -> "row".equals(at(p, "type"))).toList();
        assertThat(rows).extracting(r -> at(r, "title")).containsExactly("Fleet at a glance", "Scale & queue",
                "Throughput", "Latency", "Capacity & cache", "Gateway & routing", "Logs");
        assertThat(listAt(dashboard, "panels")).hasSize(7 + 16);
    }

    @Test
    void everyDashboardLoadsWithUniquePanelIdsAndTargets() throws IOException {
        for (String name : List.of("engine-fleet.json", "gateway.json", "router.json", "eval.json")) {
            Map<String, Object> dashboard = dashboard(name);
            assertThat(dashboard).containsKeys("uid", "title", "panels", "templating");
            List<Object> ids = listAt(dashboard, "panels").stream().map(p -> at(p, "id")).toList();
            assertThat(ids).as(name).doesNotHaveDuplicates();
            listAt(dashboard, "panels").stream().filter(p -> !"row".equals(at(p, "type")))
                    .forEach(p -> assertThat(listAt(p, "targets")).as("%s %s", name, at(p, "title")).isNotEmpty());
        }
    }

    @Test
    void everyAlertRuleFileLoadsAndEachRuleIsAnAlertOrARecording() throws IOException {
        for (Path file : alertFiles()) {
            List<Object> groups = listAt(ManifestYaml.read(Files.readString(file)), "groups");
            assertThat(groups).as(file.toString()).isNotEmpty();
            for (Object group : groups) {
                assertThat(at(group, "name")).isNotNull();
                for (Object rule : listAt(group, "rules")) {
                    assertThat(at(rule, "expr")).as("%s rule %s", file, rule).isInstanceOf(String.class);
                    assertThat(at(rule, "alert") != null ^ at(rule, "record") != null).as("%s", rule).isTrue();
                }
            }
        }
    }

    @Test
    void everyMetricNameQueriedIsInTheAllowList() throws IOException {
        Set<String> allowed = new TreeSet<>(Files.readAllLines(SET.resolve("metric-names.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        Map<String, String> used = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : queries().entrySet()) {
            PromQlMetricNames.in(query.getValue()).forEach(n -> used.putIfAbsent(n, query.getKey()));
        }
        List<String> unknown = new ArrayList<>();
        used.forEach((name, where) -> {
            if (!allowed.contains(name)) {
                unknown.add(name + " (in " + where + ")");
            }
        });
        assertThat(unknown).isEmpty();
        assertThat(used.keySet()).doesNotContainAnyElementsOf(DEPRECATED)
                .contains("vllm:kv_cache_usage_perc", "vllm:inter_token_latency_seconds_bucket",
                        "vllm:prefix_cache_hits_total", "gen_ai_client_token_usage_sum");
    }

    @Test
    void metricNameExtractionKeepsMetricsAndDropsEverythingElse() {
        assertThat(PromQlMetricNames.in("histogram_quantile(0.95, sum by (model_name, le) "
                + "(rate(vllm:time_to_first_token_seconds_bucket{model_name=~\"$model\"}[5m]))) > 1e-3"))
                .containsExactly("vllm:time_to_first_token_seconds_bucket");
        assertThat(PromQlMetricNames.in("absent(up{job=\"x\"}) == 1 or sum(up) == 0 and on() (a > bool 2)"))
                .containsExactly("up", "a");
    }

    /** Every PromQL query of the set: dashboard targets (not LogsQL), rule expressions, rendered rules and triggers. */
    private static Map<String, String> queries() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("engine-fleet.json", "gateway.json", "router.json", "eval.json")) {
            for (Object panel : listAt(dashboard(name), "panels")) {
                if (!"logs".equals(at(panel, "type"))) {
                    listAt(panel, "targets").forEach(t -> out.put(name + " " + at(panel, "title") + " "
                            + at(t, "refId"), (String) at(t, "expr")));
                }
            }
            for (Object variable : listAt(dashboard(name), "templating", "list")) {
                if (at(variable, "query") instanceof String q && q.startsWith("label_values(")) {
                    out.put(name + " $" + at(variable, "name"),
                            q.substring("label_values(".length(), q.lastIndexOf(',')));
                }
            }
        }
        for (Path file : alertFiles()) {
            for (Object group : listAt(ManifestYaml.read(Files.readString(file)), "groups")) {
                listAt(group, "rules").forEach(r -> out.put(file.getFileName() + " " + at(r, "alert") + at(r, "record"),
                        (String) at(r, "expr")));
            }
        }
        for (Map<String, Object> object : new Manifests(RenderOptions.defaults()).render(Fleet.example("xplane-qwen3-8b"))) {
            if ("PrometheusRule".equals(object.get("kind"))) {
                listAt(object, "spec", "groups", 0, "rules").forEach(r -> out.put("rendered " + at(r, "alert"),
                        (String) at(r, "expr")));
            }
            if ("ScaledObject".equals(object.get("kind"))) {
                listAt(object, "spec", "triggers").forEach(t -> out.put("trigger " + at(t, "name"),
                        (String) at(t, "metadata", "query")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dashboard(String name) throws IOException {
        return JSON.readValue(SET.resolve("dashboards").resolve(name).toFile(), Map.class);
    }

    private static List<Path> alertFiles() throws IOException {
        try (Stream<Path> files = Files.list(SET.resolve("alerts"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
