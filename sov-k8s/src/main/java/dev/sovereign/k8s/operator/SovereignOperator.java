package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.crd.InferenceServiceCrd;
import dev.sovereign.k8s.render.RenderOptions;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;

/**
 * Starts the operator on a client. Server-side apply stays on in production; {@code ssa}
 * false switches it off for API servers without it (the fabric8 mock used in tests).
 */
public final class SovereignOperator {

    private SovereignOperator() {
    }

    public static Operator start(KubernetesClient client, RenderOptions options, Duration recheck, boolean ssa) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withSSABasedCreateUpdateMatchForDependentResources(ssa)
                .withUseSSAToPatchPrimaryResource(ssa));
        operator.register(new InferenceServiceReconciler(options, recheck));
        operator.start();
        return operator;
    }

    /** Creates or updates the InferenceService CRD, for installs without Helm. */
    public static void installCrd(KubernetesClient client) {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .convertValue(InferenceServiceCrd.definition(), CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(o -> o.update());
    }
}
