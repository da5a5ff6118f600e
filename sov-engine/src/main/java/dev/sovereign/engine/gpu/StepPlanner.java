package dev.sovereign.engine.gpu;

import dev.sovereign.engine.scheduler.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a scheduler step into passes that fit the runner's device buffers: at most {@code maxRows} tokens and
 * {@code maxPieces} sequences each. A chunk longer than what is left of a pass continues in the next one; since a
 * pass writes its keys and values into the cache before the next pass runs, the later part attends to the earlier
 * part exactly as within one pass, so the cut changes no result.
 */
final class StepPlanner {

    private StepPlanner() {
    }

    static List<List<Piece>> passes(List<Chunk> chunks, int maxRows, int maxPieces) {
        if (maxRows < 1 || maxPieces < 1) {
            throw new IllegalArgumentException("a pass needs room for a row and a sequence");
        }
        List<List<Piece>> passes = new ArrayList<>();
        List<Piece> pass = new ArrayList<>();
        int rows = 0;
        for (Chunk chunk : chunks) {
            int at = chunk.from();
            int left = chunk.count();
            while (left > 0) {
                if (rows == maxRows || pass.size() == maxPieces) {
                    passes.add(pass);
                    pass = new ArrayList<>();
                    rows = 0;
                }
                int n = Math.min(left, maxRows - rows);
                left -= n;
                pass.add(new Piece(chunk.sequence(), at, n, chunk.samples() && left == 0));
                at += n;
                rows += n;
            }
        }
        if (!pass.isEmpty()) {
            passes.add(pass);
        }
        return passes;
    }

    /** Whether every piece is one token, as in a pure decode step (the steps CUDA graphs replay). */
    static boolean decodeOnly(List<Piece> pass) {
        for (Piece p : pass) {
            if (p.count() != 1) {
                return false;
            }
        }
        return true;
    }
}
