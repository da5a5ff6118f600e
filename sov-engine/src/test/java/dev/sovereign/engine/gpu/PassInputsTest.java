package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.scheduler.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassInputsTest {

    private static Sequence sequence(long id, int[] tokens, Integer... blocks) {
        Sequence s = new Sequence(id, tokens, tokens.length + 4);
        s.blockTable().addAll(List.of(blocks));
        return s;
    }

    private static int[] iota(int n, int first) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = first + i;
        }
        return t;
    }

    @Test
    void packsRowsTilesSamplesAndTablesAtFixedOffsets() {
        Sequence a = sequence(1, iota(20, 100), 7, 3);       // prefill of positions 14..19 (second block is 3)
        Sequence b = sequence(2, iota(33, 500), 0, 9, 4);    // decode of position 32 (third block is 4)
        PassInputs in = new PassInputs(16, 4, 3, 4);
        int ints = in.pack(List.of(new Piece(a, 14, 6, false), new Piece(b, 32, 1, true)), 0);

        assertThat(in.rows()).isEqualTo(7);
        assertThat(in.view(in.tokensAt(), 7)).containsExactly(114, 115, 116, 117, 118, 119, 532);
        assertThat(in.view(in.positionsAt(), 7)).containsExactly(14, 15, 16, 17, 18, 19, 32);
        // slot = block * 16 + position % 16
        assertThat(in.view(in.slotsAt(), 7)).containsExactly(7 * 16 + 14, 7 * 16 + 15, 3 * 16, 3 * 16 + 1,
                3 * 16 + 2, 3 * 16 + 3, 4 * 16);
        // tiles of at most 4 positions: a's 6 rows in two tiles, b's one row in a third
        assertThat(in.tiles()).isEqualTo(3);
        assertThat(in.view(in.tileChunkAt(), 3)).containsExactly(0, 0, 1);
        assertThat(in.view(in.tileRowAt(), 3)).containsExactly(0, 4, 6);
        assertThat(in.view(in.tilePosAt(), 3)).containsExactly(14, 18, 32);
        assertThat(in.view(in.tileCountAt(), 3)).containsExactly(4, 2, 1);
        // only b samples, at its row 6
        assertThat(in.samples()).isEqualTo(1);
        assertThat(in.view(in.sampleRowsAt(), 1)).containsExactly(6);
        assertThat(in.view(in.tablesAt(), 6)).containsExactly(7, 3, 0, 0, 9, 4);
        assertThat(in.longestContext()).isEqualTo(33);
        assertThat(ints).isEqualTo(in.tablesAt() + 2 * 3);
        assertThat(in.bytes()).isEqualTo(4L * (7 * 16 + 4 + 4 * 3));
    }

    @Test
    void paddingRowsWriteNoCacheAndPaddingTilesAreEmpty() {
        Sequence a = sequence(1, iota(5, 1), 2);
        PassInputs in = new PassInputs(8, 8, 2, 4);
        in.pack(List.of(new Piece(a, 4, 1, true)), 4);
        assertThat(in.view(in.slotsAt(), 4)).containsExactly(2 * 16 + 4, -1, -1, -1);
        assertThat(in.view(in.tileCountAt(), 4)).containsExactly(1, 0, 0, 0);
        assertThat(in.view(in.tokensAt(), 4)).containsExactly(5, 0, 0, 0);
    }

    @Test
    void aRepackClearsThePreviousPassesPadding() {
        PassInputs in = new PassInputs(8, 8, 2, 4);
        in.pack(List.of(new Piece(sequence(1, iota(3, 1), 5), 0, 3, true)), 4);
        in.pack(List.of(new Piece(sequence(2, iota(2, 1), 6), 1, 1, true)), 2);
        assertThat(in.view(in.tileCountAt(), 2)).containsExactly(1, 0);
        assertThat(in.view(in.slotsAt(), 2)).containsExactly(6 * 16 + 1, -1);
    }

    @Test
    void refusesATableTooShortForThePositions() {
        Sequence a = sequence(1, iota(20, 1), 1);
        PassInputs in = new PassInputs(32, 4, 4, 4);
        assertThatThrownBy(() -> in.pack(List.of(new Piece(a, 0, 20, true)), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs 2 blocks for 20 positions");
    }

    @Test
    void refusesMoreRowsThanItsCapacity() {
        Sequence a = sequence(1, iota(20, 1), 1, 2);
        PassInputs in = new PassInputs(8, 4, 4, 4);
        assertThatThrownBy(() -> in.pack(List.of(new Piece(a, 0, 20, true)), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 8 rows");
    }
}
