package dev.sovereign.engine.gpu;

import dev.sovereign.engine.scheduler.BlockManager;
import java.util.Arrays;
import java.util.List;

/**
 * The int32 inputs of one pass, laid out as the kernels read them from one device buffer, so the host packs them in
 * one array and uploads them with one copy: per row the token, its position and its cache slot (block id x 16 +
 * offset; -1 for a padding row, which writes no cache); per attention tile its piece, first row, first position and
 * row count (0 for padding); the rows whose logits are wanted; and the block table of every piece,
 * {@code tableStride} ids a row. Offsets depend only on the capacities, so a captured graph keeps reading the right
 * places whatever a later step packs.
 */
final class PassInputs {

    final int rowCapacity;
    final int pieceCapacity;
    final int tableStride;

    /** Positions of one attention tile: as many as fill the kernel's query vectors with the query heads of a group. */
    final int tilePositions;

    private final int[] image;
    private int rows;
    private int tiles;
    private int pieces;
    private int samples;
    private int longestContext;

    PassInputs(int rowCapacity, int pieceCapacity, int tableStride, int tilePositions) {
        this.rowCapacity = rowCapacity;
        this.pieceCapacity = pieceCapacity;
        this.tableStride = tableStride;
        this.tilePositions = tilePositions;
        this.image = new int[tablesAt() + pieceCapacity * tableStride];
    }

    int tokensAt() {
        return 0;
    }

    int positionsAt() {
        return rowCapacity;
    }

    int slotsAt() {
        return 2 * rowCapacity;
    }

    int tileChunkAt() {
        return 3 * rowCapacity;
    }

    int tileRowAt() {
        return 4 * rowCapacity;
    }

    int tilePosAt() {
        return 5 * rowCapacity;
    }

    int tileCountAt() {
        return 6 * rowCapacity;
    }

    int sampleRowsAt() {
        return 7 * rowCapacity;
    }

    int tablesAt() {
        return 7 * rowCapacity + pieceCapacity;
    }

    /** Bytes of the whole layout (the device buffer's size). */
    long bytes() {
        return (long) image.length * Integer.BYTES;
    }

    /**
     * Packs {@code pass}, padded with empty rows and tiles up to {@code paddedRows} (a graph's batch size; the pass's
     * own row count when not replaying a graph). Returns the ints to upload: every array up to the used tables.
     */
    int pack(List<Piece> pass, int paddedRows) {
        if (pass.size() > pieceCapacity) {
            throw new IllegalArgumentException(pass.size() + " sequences in a pass of at most " + pieceCapacity);
        }
        rows = 0;
        tiles = 0;
        samples = 0;
        longestContext = 0;
        pieces = pass.size();
        for (int c = 0; c < pass.size(); c++) {
            Piece piece = pass.get(c);
            List<Integer> table = piece.sequence().blockTable();
            int end = piece.from() + piece.count();
            int blocks = BlockManager.blocksFor(end);
            longestContext = Math.max(longestContext, end);
            if (table.size() < blocks || blocks > tableStride) {
                throw new IllegalStateException("sequence " + piece.sequence().id() + " needs " + blocks
                        + " blocks for " + end + " positions; its table has " + table.size() + ", the runner holds "
                        + tableStride);
            }
            if (rows + piece.count() > rowCapacity) {
                throw new IllegalArgumentException("a pass of more than " + rowCapacity + " rows");
            }
            int tableRow = tablesAt() + c * tableStride;
            for (int b = 0; b < blocks; b++) {
                image[tableRow + b] = table.get(b);
            }
            int[] tokens = piece.sequence().tokens();
            for (int t = 0; t < piece.count(); t += tilePositions) {
                image[tileChunkAt() + tiles] = c;
                image[tileRowAt() + tiles] = rows + t;
                image[tilePosAt() + tiles] = piece.from() + t;
                image[tileCountAt() + tiles] = Math.min(tilePositions, piece.count() - t);
                tiles++;
            }
            for (int i = 0; i < piece.count(); i++) {
                int position = piece.from() + i;
                image[tokensAt() + rows] = tokens[position];
                image[positionsAt() + rows] = position;
                image[slotsAt() + rows] = table.get(position / BlockManager.BLOCK_SIZE) * BlockManager.BLOCK_SIZE
                        + position % BlockManager.BLOCK_SIZE;
                rows++;
            }
            if (piece.samples()) {
                image[sampleRowsAt() + samples++] = rows - 1;
            }
        }
        if (paddedRows > rowCapacity) {
            throw new IllegalArgumentException("a padded pass of more than " + rowCapacity + " rows");
        }
        for (int r = rows; r < paddedRows; r++) {
            image[tokensAt() + r] = 0;
            image[positionsAt() + r] = 0;
            image[slotsAt() + r] = -1;
        }
        for (int t = tiles; t < paddedRows; t++) {
            image[tileChunkAt() + t] = 0;
            image[tileRowAt() + t] = 0;
            image[tilePosAt() + t] = 0;
            image[tileCountAt() + t] = 0;
        }
        return tablesAt() + pieces * tableStride;
    }

    int[] image() {
        return image;
    }

    int rows() {
        return rows;
    }

    int tiles() {
        return tiles;
    }

    int samples() {
        return samples;
    }

    /** The longest context (keys) any row of the packed pass attends to. */
    int longestContext() {
        return longestContext;
    }

    /** {@code length} packed ints from {@code at}, for tests and diagnostics. */
    int[] view(int at, int length) {
        return Arrays.copyOfRange(image, at, at + length);
    }
}
