package org.guichets.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Order statistics of a series of measurements, in milliseconds. */
final class Stats {

    private final List<Double> values = new ArrayList<>();

    void add(double ms) {
        values.add(ms);
    }

    double median() {
        return percentile(50);
    }

    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double min() {
        return Collections.min(values);
    }

    double max() {
        return Collections.max(values);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "median %.0f ms, min %.0f, p90 %.0f, max %.0f (n=%d)",
                median(), min(), percentile(90), max(), values.size());
    }
}
