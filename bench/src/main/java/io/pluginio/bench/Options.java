package io.pluginio.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} options; a repeated name collects every value. */
public final class Options {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {}

    public static Options parse(List<String> args) {
        Options options = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = "true";
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                }
                options.values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int integer(String name, int fallback) {
        return has(name) ? Integer.parseInt(string(name, "").replace("_", "")) : fallback;
    }

    public double decimal(String name, double fallback) {
        return has(name) ? Double.parseDouble(string(name, "")) : fallback;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
