package com.allinone.commerce.queryside.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Interleaves several aggregates' streams into the order things happened. The event store has no order across
 * aggregates that a read by aggregate can see, so time decides; but each stream keeps its own sequence order even if
 * a clock stepped back between two of its events (a merge of sorted runs, not a sort). Events at the same instant go
 * in the order the streams were given, the cause's stream first (the order before its payment).
 */
final class Chronology {

    private Chronology() {
    }

    static <T> List<T> merge(List<List<T>> streams, Function<T, Instant> timeOf) {
        List<T> merged = new ArrayList<>();
        int[] next = new int[streams.size()];
        while (true) {
            int earliest = -1;
            for (int s = 0; s < streams.size(); s++) {
                if (next[s] < streams.get(s).size() && (earliest < 0 || timeOf.apply(streams.get(s).get(next[s]))
                        .isBefore(timeOf.apply(streams.get(earliest).get(next[earliest]))))) {
                    earliest = s;
                }
            }
            if (earliest < 0) {
                return merged;
            }
            merged.add(streams.get(earliest).get(next[earliest]++));
        }
    }
}
