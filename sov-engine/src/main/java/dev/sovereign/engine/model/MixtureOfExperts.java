package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;

/**
 * The sparse feed-forward block of a mixture-of-experts layer over the rows of one forward pass. Every row is routed
 * first; then the rows are grouped by expert, and each chosen expert runs once over all of its rows as one batched
 * matmul, so an expert's weights are read once per step however many rows chose it, and an expert no row chose is not
 * read at all. A row's result does not depend on the other rows: its experts' outputs are added in expert order,
 * whichever batch it is in.
 */
final class MixtureOfExperts {

    private final Kernels kernels;
    private final ExpertRouting routing;
    private final int dim;

    MixtureOfExperts(Kernels kernels, ExpertRouting routing, int dim) {
        this.kernels = kernels;
        this.routing = routing;
        this.dim = dim;
    }

    /** {@code out[b * dim ..]} = the block's output for the normed input row {@code b}, for {@code b < rows}. */
    void forward(ExpertWeights w, float[] normed, int rows, float[] out) {
        int k = routing.used();
        int[] chosen = new int[rows * k];
        float[] weights = new float[rows * k];
        float[] logits = new float[rows * routing.count()];
        kernels.matmul(w.router(), normed, logits, rows);
        for (int b = 0; b < rows; b++) {
            routing.route(logits, b * routing.count(), chosen, weights, b * k);
        }
        ExpertGroups groups = ExpertGroups.of(chosen, weights, k, routing.count());
        java.util.Arrays.fill(out, 0, rows * dim, 0f);
        int ff = routing.ffnDim();
        int largest = groups.largest();
        float[] x = new float[largest * dim];
        float[] gate = new float[largest * ff];
        float[] up = new float[largest * ff];
        float[] y = new float[largest * dim];
        for (int e = 0; e < routing.count(); e++) {
            int n = groups.size(e);
            if (n == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                System.arraycopy(normed, groups.row(e, j) * dim, x, j * dim, dim);
            }
            kernels.matmul(w.gate()[e], x, gate, n);
            kernels.matmul(w.up()[e], x, up, n);
            kernels.swiglu(gate, up, n * ff);
            kernels.matmul(w.down()[e], gate, y, n);
            for (int j = 0; j < n; j++) {
                int at = groups.row(e, j) * dim;
                float scale = groups.weight(e, j);
                for (int i = 0; i < dim; i++) {
                    out[at + i] += scale * y[j * dim + i];
                }
            }
        }
    }
}
