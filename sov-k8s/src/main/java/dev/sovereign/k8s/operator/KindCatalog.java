package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind the renderer produces, with its REST plural and, for kinds from optional
 * add-ons, the CRD that must be installed before the operator may create one.
 */
final class KindCatalog {

    record Kind(String apiVersion, String kind, String plural, String crd) {

        boolean optional() {
            return crd != null;
        }

        ResourceDefinitionContext context() {
            int slash = apiVersion.indexOf('/');
            return new ResourceDefinitionContext.Builder()
                    .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                    .withVersion(apiVersion.substring(slash + 1))
                    .withKind(kind).withPlural(plural).withNamespaced(true).build();
        }
    }

    static final List<Kind> ALL = List.of(
            new Kind("v1", "ServiceAccount", "serviceaccounts", null),
            new Kind("apps/v1", "Deployment", "deployments", null),
            new Kind("v1", "Service", "services", null),
            new Kind("batch/v1", "Job", "jobs", null),
            new Kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", null),
            new Kind("keda.sh/v1alpha1", "ScaledObject", "scaledobjects", "scaledobjects.keda.sh"),
            new Kind("cilium.io/v2", "CiliumNetworkPolicy", "ciliumnetworkpolicies", "ciliumnetworkpolicies.cilium.io"),
            new Kind("monitoring.coreos.com/v1", "ServiceMonitor", "servicemonitors",
                    "servicemonitors.monitoring.coreos.com"),
            new Kind("monitoring.coreos.com/v1", "PrometheusRule", "prometheusrules",
                    "prometheusrules.monitoring.coreos.com"),
            new Kind("operator.victoriametrics.com/v1beta1", "VMServiceScrape", "vmservicescrapes",
                    "vmservicescrapes.operator.victoriametrics.com"),
            new Kind("operator.victoriametrics.com/v1beta1", "VMRule", "vmrules", "vmrules.operator.victoriametrics.com"),
            new Kind("external-secrets.io/v1", "ExternalSecret", "externalsecrets", "externalsecrets.external-secrets.io"),
            new Kind("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes", "httproutes.gateway.networking.k8s.io"),
            new Kind("gateway.envoyproxy.io/v1alpha1", "Backend", "backends", "backends.gateway.envoyproxy.io"),
            new Kind("aigateway.envoyproxy.io/v1alpha1", "AIServiceBackend", "aiservicebackends",
                    "aiservicebackends.aigateway.envoyproxy.io"),
            new Kind("aigateway.envoyproxy.io/v1alpha1", "AIGatewayRoute", "aigatewayroutes",
                    "aigatewayroutes.aigateway.envoyproxy.io"),
            new Kind("helm.toolkit.fluxcd.io/v2", "HelmRelease", "helmreleases", "helmreleases.helm.toolkit.fluxcd.io"));

    private KindCatalog() {
    }

    static Kind of(Map<String, Object> object) {
        return find((String) object.get("apiVersion"), (String) object.get("kind"))
                .orElseThrow(() -> new IllegalStateException("unknown kind " + object.get("kind")));
    }

    static Optional<Kind> find(String apiVersion, String kind) {
        return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
    }
}
