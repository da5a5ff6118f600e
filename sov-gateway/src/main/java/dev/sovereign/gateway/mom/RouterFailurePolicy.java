package dev.sovereign.gateway.mom;

import dev.sovereign.router.config.RouterConfig;

/**
 * Whether the gateway refuses a request when the router fails, absent {@code router.failClosed}
 * in sov.yaml: yes when the router guards anything (the jailbreak guard, or a PII policy that
 * blocks or redacts), since failing open would then let exactly those requests through.
 */
public final class RouterFailurePolicy {

    private RouterFailurePolicy() {
    }

    public static boolean failsClosedByDefault(RouterConfig config) {
        boolean guard = config.promptGuard() == null || !Boolean.FALSE.equals(config.promptGuard().enabled());
        return guard || guardsPii(config);
    }

    private static boolean guardsPii(RouterConfig config) {
        if (config.modelConfig() != null && config.modelConfig().values().stream()
                .anyMatch(m -> m.piiPolicy() != null && Boolean.FALSE.equals(m.piiPolicy().allowByDefault()))) {
            return true;
        }
        return config.decisions() != null && config.decisions().stream().anyMatch(d -> d.plugins() != null
                && d.plugins().stream().anyMatch(p -> "pii".equals(p.type())));
    }
}
