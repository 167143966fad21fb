package com.allinone.commerce.standalone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /actuator/prometheus}, as series ({@code name{label="value",…}}, labels in the exposition's
 * own order, which Prometheus' writer sorts by name) and their values.
 */
record PrometheusScrape(Map<String, Double> series) {

    static PrometheusScrape parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int split = line.lastIndexOf(' ');
            series.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        });
        return new PrometheusScrape(series);
    }

    /** The series' value, 0 when the scrape does not hold it (a counter not yet registered has not counted). */
    double value(String series) {
        return this.series.getOrDefault(series, 0.0);
    }

    boolean has(String series) {
        return this.series.containsKey(series);
    }

    /** The names of the metric families present, without labels. */
    Set<String> names() {
        return series.keySet().stream().map(s -> s.contains("{") ? s.substring(0, s.indexOf('{')) : s)
                .collect(Collectors.toSet());
    }

    /** Series of one family, by their full series string. */
    Map<String, Double> family(String name) {
        return series.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
