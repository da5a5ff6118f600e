package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/**
 * Facts about a model's Endpoint Picker (Gateway API Inference Extension) that several
 * renderers share. The picker only has a caller when Envoy AI Gateway routes to its
 * InferencePool, so it is rendered with the AIGatewayRoute or not at all: with Sovereign's
 * own gateway, which picks endpoints itself, the flag renders nothing.
 */
final class EndpointPicker {

    static final String COMPONENT = "endpoint-picker";
    /** ext_proc port Envoy calls to ask which pod gets the request. */
    static final int EXT_PROC_PORT = 9002;
    static final int METRICS_PORT = 9090;
    static final String METRICS_PORT_NAME = "http-metrics";
    static final String POOL_GROUP = "inference.networking.k8s.io";

    private EndpointPicker() {
    }

    static boolean rendered(InferenceService service, RenderOptions options) {
        var gateway = service.spec().gateway();
        return gateway.enabled() && gateway.endpointPicker() != null && gateway.endpointPicker().enabled()
                && RenderOptions.ENVOY.equals(options.aiGateway());
    }

    /** Name of the picker's objects; the InferencePool itself keeps the model's name. */
    static String name(InferenceService service) {
        return service.name() + "-epp";
    }

    /** The label the inferencepool chart puts on the picker's pods and Service. */
    static Map<String, Object> podLabels(InferenceService service) {
        return map("inferencepool", name(service));
    }

    static Peer peer(InferenceService service) {
        return new Peer(null, podLabels(service));
    }
}
