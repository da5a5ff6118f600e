package dev.sovereign.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A public model's weighted split and ordered fallbacks, ready to draw attempts from. */
final class ModelRoute {

    private final List<Target> split;
    private final int[] cumulativeWeights;
    private final List<Target> fallbacks;

    ModelRoute(List<Target> split, List<Integer> weights, List<Target> fallbacks) {
        this.split = List.copyOf(split);
        this.fallbacks = List.copyOf(fallbacks);
        this.cumulativeWeights = new int[weights.size()];
        int sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            sum += weights.get(i);
            cumulativeWeights[i] = sum;
        }
    }

    List<Target> attempts() {
        LinkedHashSet<Target> order = new LinkedHashSet<>();
        order.add(draw());
        order.addAll(split);
        order.addAll(fallbacks);
        return new ArrayList<>(order);
    }

    private Target draw() {
        int total = cumulativeWeights[cumulativeWeights.length - 1];
        if (total <= 0) {
            return split.getFirst();
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (ticket < cumulativeWeights[i]) {
                return split.get(i);
            }
        }
        return split.getLast();
    }
}
