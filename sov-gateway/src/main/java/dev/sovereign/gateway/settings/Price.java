package dev.sovereign.gateway.settings;

/** USD per million tokens; cached input is the prefix-cache hit part of the input. */
public record Price(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    public static final Price FREE = new Price(0, 0, 0);

    public double cost(long input, long cachedInput, long output) {
        long uncached = Math.max(0, input - cachedInput);
        return (uncached * inputPerMillion + cachedInput * cachedInputPerMillion + output * outputPerMillion) / 1_000_000.0;
    }
}
