package org.opencredit.testkit.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items by weight with one random double and a binary search. */
final class WeightedTable<T> {

    private final Object[] items;
    private final double[] cumulative;

    WeightedTable(List<T> items, ToDoubleFunction<T> weight) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        this.items = items.toArray();
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < items.size(); i++) {
            double w = weight.applyAsDouble(items.get(i));
            if (w < 0) {
                throw new IllegalArgumentException("negative weight for " + items.get(i));
            }
            sum += w;
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    @SuppressWarnings("unchecked")
    T pick(SplittableRandom random) {
        return pick(random.nextDouble());
    }

    @SuppressWarnings("unchecked")
    T pick(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return (T) items[Math.min(i, items.length - 1)];
    }

    int size() {
        return items.length;
    }
}
