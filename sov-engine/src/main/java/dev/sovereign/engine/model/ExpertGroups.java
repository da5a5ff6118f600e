package dev.sovereign.engine.model;

/**
 * The rows of a step grouped by the expert that each chose (counting sort by expert): expert {@code e}'s rows, in row
 * order, with the routing weight each gave it.
 */
final class ExpertGroups {

    private final int[] start;
    private final int[] rows;
    private final float[] weights;

    private ExpertGroups(int[] start, int[] rows, float[] weights) {
        this.start = start;
        this.rows = rows;
        this.weights = weights;
    }

    /** @param chosen the {@code k} experts of each row, row after row; {@code weights} alongside */
    static ExpertGroups of(int[] chosen, float[] weights, int k, int experts) {
        int[] start = new int[experts + 1];
        for (int e : chosen) {
            start[e + 1]++;
        }
        for (int e = 0; e < experts; e++) {
            start[e + 1] += start[e];
        }
        int[] next = start.clone();
        int[] rows = new int[chosen.length];
        float[] groupedWeights = new float[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            int at = next[chosen[i]]++;
            rows[at] = i / k;
            groupedWeights[at] = weights[i];
        }
        return new ExpertGroups(start, rows, groupedWeights);
    }

    int size(int expert) {
        return start[expert + 1] - start[expert];
    }

    int largest() {
        int largest = 0;
        for (int e = 0; e + 1 < start.length; e++) {
            largest = Math.max(largest, size(e));
        }
        return largest;
    }

    int row(int expert, int j) {
        return rows[start[expert] + j];
    }

    float weight(int expert, int j) {
        return weights[start[expert] + j];
    }
}
