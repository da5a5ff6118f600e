package dev.sovereign.k8s.operator;

import io.javaoperatorsdk.operator.Operator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started operator. Stopping it on purpose releases the Lease without the exit that an
 * involuntary loss of the Lease causes (JOSDK's own exit-on-loss cannot tell the two apart).
 */
public final class RunningOperator {

    private final Operator operator;
    private final AtomicBoolean stopping;

    RunningOperator(Operator operator, AtomicBoolean stopping) {
        this.operator = operator;
        this.stopping = stopping;
    }

    public Operator operator() {
        return operator;
    }

    public void stop() {
        stopping.set(true);
        operator.stop();
    }
}
