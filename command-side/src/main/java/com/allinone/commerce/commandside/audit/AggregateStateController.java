package com.allinone.commerce.commandside.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/audit/aggregates/{id}/state?at=|version=}: an aggregate as it stood at an instant or after one of
 * its events, folded by the aggregate's own rules. Served by the command node, the only one that holds the aggregate
 * classes (the query node meets the command side only through {@code api} messages).
 */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
public class AggregateStateController {

    private final PastStates states;

    public AggregateStateController(PastStates states) {
        this.states = states;
    }

    /** With neither {@code at} nor {@code version}, the state after the latest event. */
    @GetMapping("/api/audit/aggregates/{aggregateId}/state")
    public Mono<PastState> state(@PathVariable String aggregateId,
                                 @RequestParam(name = PointInHistory.AT, required = false) String at,
                                 @RequestParam(name = PointInHistory.VERSION, required = false) String version) {
        return states.at(aggregateId, PointInHistory.parse(at, version));
    }
}
