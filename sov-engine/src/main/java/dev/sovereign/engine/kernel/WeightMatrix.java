package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import java.lang.foreign.MemorySegment;

/** A weight matrix in its stored encoding, row-major; a row is one output feature's weights. */
public record WeightMatrix(String name, DType type, int rows, int columns, MemorySegment data) {

    public WeightMatrix {
        if (data.byteSize() != (long) rows * type.bytesFor(columns)) {
            throw new ModelFormatException("tensor " + name + " holds " + data.byteSize() + " bytes, expected "
                    + (long) rows * type.bytesFor(columns) + " for " + rows + "x" + columns + " " + type);
        }
    }

    public static WeightMatrix of(Tensor tensor) {
        return new WeightMatrix(tensor.name(), tensor.type(), tensor.rows(), tensor.columns(), tensor.data());
    }

    public long rowBytes() {
        return type.bytesFor(columns);
    }
}
