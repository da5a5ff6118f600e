package dev.sovereign.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    @Test
    void holdsBackAPossibleStartAndNeverEmitsTheStop() {
        StopStrings stops = new StopStrings(List.of("\n\n", "END"));
        assertThat(stops.offer("hello E")).isEqualTo("hello ");
        assertThat(stops.offer("N")).isEmpty();
        assertThat(stops.offer("Dx")).isEmpty();
        assertThat(stops.stopped()).isTrue();
    }

    @Test
    void releasesHeldTextWhenItIsNotAStop() {
        StopStrings stops = new StopStrings(List.of("END"));
        assertThat(stops.offer("a E")).isEqualTo("a ");
        assertThat(stops.offer("ND!".substring(1))).isEqualTo("ED!");
        assertThat(stops.offer("tail E")).isEqualTo("tail ");
        assertThat(stops.flush()).isEqualTo("E");
    }
}
