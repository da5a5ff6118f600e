package dev.sovereign.engine.sampling;

/**
 * Scratch arrays for the draws of one thread (the engine loop samples every sequence on one thread), so a draw
 * allocates nothing in proportion to the vocabulary: with 152k tokens a draw's arrays are about 3 MB.
 */
final class DrawBuffers {

    private static final ThreadLocal<DrawBuffers> OF_THREAD = ThreadLocal.withInitial(DrawBuffers::new);

    int[] ids = new int[0];
    double[] weights = new double[0];
    double[] sorted = new double[0];
    float[] penalised = new float[0];
    final double[] bucketMass = new double[Nucleus.BUCKETS];

    static DrawBuffers of(int vocabSize) {
        DrawBuffers b = OF_THREAD.get();
        if (b.ids.length < vocabSize) {
            b.ids = new int[vocabSize];
            b.weights = new double[vocabSize];
            b.sorted = new double[vocabSize];
            b.penalised = new float[vocabSize];
        }
        return b;
    }
}
