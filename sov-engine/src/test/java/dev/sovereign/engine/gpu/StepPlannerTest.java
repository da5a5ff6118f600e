package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepPlannerTest {

    private static Sequence sequence(long id, int length) {
        return new Sequence(id, new int[length], length + 8);
    }

    @Test
    void aStepThatFitsIsOnePassOfItsChunks() {
        Sequence a = sequence(1, 10);
        Sequence b = sequence(2, 1);
        var passes = StepPlanner.passes(List.of(new Chunk(a, 0, 10), new Chunk(b, 0, 1)), 64, 8);
        assertThat(passes).containsExactly(List.of(new Piece(a, 0, 10, true), new Piece(b, 0, 1, true)));
    }

    @Test
    void aLongChunkContinuesInTheNextPassAndOnlyItsLastPieceSamples() {
        Sequence a = sequence(1, 3);
        Sequence b = sequence(2, 100);
        var passes = StepPlanner.passes(List.of(new Chunk(a, 2, 1), new Chunk(b, 0, 100)), 40, 8);
        assertThat(passes).containsExactly(
                List.of(new Piece(a, 2, 1, true), new Piece(b, 0, 39, false)),
                List.of(new Piece(b, 39, 40, false)),
                List.of(new Piece(b, 79, 21, true)));
    }

    @Test
    void aChunkThatDoesNotReachTheSequencesEndNeverSamples() {
        Sequence a = sequence(1, 50);
        var passes = StepPlanner.passes(List.of(new Chunk(a, 0, 20)), 8, 8);
        assertThat(passes).hasSize(3);
        assertThat(passes.stream().flatMap(List::stream).noneMatch(Piece::samples)).isTrue();
    }

    @Test
    void passesHoldAtMostTheirSequenceCapacity() {
        List<Chunk> decodes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            decodes.add(new Chunk(sequence(i, 4), 3, 1));
        }
        var passes = StepPlanner.passes(decodes, 100, 2);
        assertThat(passes).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(passes).allMatch(StepPlanner::decodeOnly);
    }

    @Test
    void decodeOnlyMeansOneTokenPerPiece() {
        Sequence a = sequence(1, 5);
        assertThat(StepPlanner.decodeOnly(List.of(new Piece(a, 4, 1, true)))).isTrue();
        assertThat(StepPlanner.decodeOnly(List.of(new Piece(a, 3, 2, true)))).isFalse();
    }

    @Test
    void refusesAPassWithoutRoom() {
        assertThatThrownBy(() -> StepPlanner.passes(List.of(), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
