package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/** Kernels that note the name and batch of every matrix multiplied, in call order, and delegate all the math. */
final class MatrixRecordingKernels {

    record Call(String matrix, int batch) {
    }

    private MatrixRecordingKernels() {
    }

    /** {@code inner}, with each {@code matmul} appended to {@code calls} first. */
    static Kernels around(Kernels inner, List<Call> calls) {
        return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("matmul")) {
                        calls.add(new Call(((WeightMatrix) args[0]).name(), (Integer) args[3]));
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
