package dev.sovereign.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class KernelArgsTest {

    @Test
    void packsEachKindIntoItsOwnEightByteSlot() {
        KernelArgs args = KernelArgs.of(-7, 1.5f, 0x1234_5678_9abcL, Long.MIN_VALUE);

        assertThat(args.count()).isEqualTo(4);
        assertThat(args.slot(0)).isEqualTo(0xffff_fff9L); // int32 in the low 4 bytes (little-endian), upper zeroed
        assertThat(args.slot(1)).isEqualTo(Float.floatToRawIntBits(1.5f) & 0xffff_ffffL);
        assertThat(args.slot(2)).isEqualTo(0x1234_5678_9abcL);
        assertThat(args.slot(3)).isEqualTo(Long.MIN_VALUE);
        for (int i = 0; i < 4; i++) {
            assertThat(args.pointerTarget(i)).as("pointer %d targets slot %d", i, i).isEqualTo(8L * i);
        }
    }

    @Test
    void setReplacesOneArgumentInPlaceAndClearsTheWholeSlot() {
        KernelArgs args = KernelArgs.of(-1L, 3);
        MemorySegment before = args.pointers();

        args.set(0, 5).set(1, 2.0f);

        assertThat(args.slot(0)).isEqualTo(5L);
        assertThat(args.slot(1)).isEqualTo(Float.floatToRawIntBits(2.0f));
        assertThat(args.pointers()).isEqualTo(before);
    }

    @Test
    void rejectsWhatCannotBeAKernelArgumentNamingItsIndex() {
        assertThatThrownBy(() -> KernelArgs.of(1, 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel argument 1 is a Double; use Long, DeviceBuffer, Integer or Float");
        assertThatThrownBy(() -> KernelArgs.of(1, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel argument 1 is null");
        assertThatThrownBy(() -> KernelArgs.of(1).set(1, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("kernel argument 1 of 1");
    }

    @Test
    void noArgumentsPassesNull() {
        assertThat(KernelArgs.of().pointers()).isEqualTo(MemorySegment.NULL);
    }
}
