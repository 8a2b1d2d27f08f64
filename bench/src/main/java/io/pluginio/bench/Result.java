package io.pluginio.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one run, in the order they are reported. */
public final class Result {

    private final Map<String, Double> metrics = new LinkedHashMap<>();

    public Result put(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    public double get(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric " + name + " in " + metrics.keySet());
        }
        return value;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        metrics.forEach((name, value) -> out.append(String.format("  %-28s %s%n", name, Format.number(value))));
        return out.toString();
    }
}
