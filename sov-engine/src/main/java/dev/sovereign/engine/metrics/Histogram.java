package dev.sovereign.engine.metrics;

import java.util.Locale;

/** A Prometheus histogram with fixed upper bounds, written in the text exposition format. */
final class Histogram {

    private final String name;
    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    Histogram(String name, double... bounds) {
        this.name = name;
        this.bounds = bounds;
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
            }
        }
        count++;
        sum += value;
    }

    synchronized void write(StringBuilder out, String labels, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < bounds.length; i++) {
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(number(bounds[i])).append("\"} ")
                    .append(counts[i]).append('\n');
        }
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(number(sum)).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(count).append('\n');
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
