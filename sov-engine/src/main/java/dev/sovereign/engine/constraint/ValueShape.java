package dev.sovereign.engine.constraint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a JSON value may look like, compiled from a JSON Schema. Shapes compare by identity: the states of one grammar
 * share them, so a state's equality (the key of the token-mask cache) never walks a schema.
 */
sealed interface ValueShape {

    /** Any JSON value (json_object's members, an untyped schema). */
    final class Any implements ValueShape {
        static final Any INSTANCE = new Any();

        private Any() {
        }
    }

    /**
     * An object whose members are written in {@code properties} order, optional ones skippable; a shape with no
     * properties list takes any keys with any values ({@code open}), or only {@code {}} when it is closed.
     */
    final class ObjectShape implements ValueShape {
        static final ObjectShape ANY = new ObjectShape(null, null, new boolean[0], true);

        final List<String> names;
        final List<ValueShape> values;
        /** JSON-escaped, quoted bytes of each name, as they must appear in the output. */
        final byte[][] quotedNames;
        final boolean[] required;
        final boolean open;

        ObjectShape(List<String> names, List<ValueShape> values, boolean[] required, boolean open) {
            this.names = names == null ? List.of() : List.copyOf(names);
            this.values = values == null ? List.of() : List.copyOf(values);
            this.required = required.clone();
            this.open = open && this.names.isEmpty();
            this.quotedNames = this.names.stream().map(ObjectShape::quoted).toArray(byte[][]::new);
        }

        /** The last property the object may not end before (-1 when none is required). */
        int lastRequired() {
            for (int i = required.length - 1; i >= 0; i--) {
                if (required[i]) {
                    return i;
                }
            }
            return -1;
        }

        private static byte[] quoted(String name) {
            return Literals.json(name);
        }
    }

    final class ArrayShape implements ValueShape {
        static final ArrayShape ANY = new ArrayShape(Any.INSTANCE, 0, -1);

        final ValueShape items;
        final int minItems;
        /** -1: unbounded. */
        final int maxItems;

        ArrayShape(ValueShape items, int minItems, int maxItems) {
            this.items = items;
            this.minItems = minItems;
            this.maxItems = maxItems;
        }
    }

    final class StringShape implements ValueShape {
        static final StringShape ANY = new StringShape(0, -1);

        final int minLength;
        /** -1: unbounded. */
        final int maxLength;

        StringShape(int minLength, int maxLength) {
            this.minLength = minLength;
            this.maxLength = maxLength;
        }
    }

    final class NumberShape implements ValueShape {
        static final NumberShape INTEGER = new NumberShape(true);
        static final NumberShape NUMBER = new NumberShape(false);

        final boolean integer;

        private NumberShape(boolean integer) {
            this.integer = integer;
        }
    }

    /** One of a fixed set of JSON texts (enum, const, boolean, null), kept sorted so a prefix is a range. */
    final class Literals implements ValueShape {
        static final Literals BOOLEAN = of(List.of("true", "false"));
        static final Literals NULL = of(List.of("null"));
        static final Literals TRUE_FALSE_NULL = of(List.of("true", "false", "null"));

        final byte[][] sorted;

        private Literals(byte[][] sorted) {
            this.sorted = sorted;
        }

        static Literals of(List<String> jsonTexts) {
            byte[][] bytes = jsonTexts.stream().distinct().map(s -> s.getBytes(StandardCharsets.UTF_8))
                    .sorted(Comparator.comparing(b -> b, Arrays::compareUnsigned)).toArray(byte[][]::new);
            return new Literals(bytes);
        }

        /** The JSON text of a string (quoted and escaped), as UTF-8. */
        static byte[] json(String text) {
            try {
                return JsonTexts.MAPPER.writeValueAsBytes(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One of several shapes, told apart by the first byte of the value (["string", "null"], anyOf). */
    final class Union implements ValueShape {
        final List<ValueShape> alternatives;

        Union(List<ValueShape> alternatives) {
            this.alternatives = List.copyOf(alternatives);
        }
    }
}
