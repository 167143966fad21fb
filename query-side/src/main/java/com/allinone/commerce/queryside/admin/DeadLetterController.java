package com.allinone.commerce.queryside.admin;

import com.allinone.commerce.axonconfig.processing.FlowSequencingPolicy;
import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.queryside.common.NotFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The projectors' dead letters (DESIGN §6): a projector that failed on an event parks that event's whole flow (the
 * order's sequence) and goes on with the rest. Operators list the parked sequences with their cause, retry one after
 * fixing what failed (the parked events are handled again, in order), or evict it. A letter's id is
 * {@code <processing group>~<sequence>}, the sequence being the order's id.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class DeadLetterController {

    private static final String SEPARATOR = "~";
    private static final FlowSequencingPolicy SEQUENCING = new FlowSequencingPolicy();

    private final EventProcessingConfiguration processing;
    private final List<QueryNodeProcessingGroups> groups;
    /** The dead-letter queues live in MongoDB behind Axon's synchronous API: never on the event loop. */
    private final Scheduler blockingWork;

    public DeadLetterController(EventProcessingConfiguration processing, List<QueryNodeProcessingGroups> groups,
                                Scheduler blockingWork) {
        this.processing = processing;
        this.groups = groups;
        this.blockingWork = blockingWork;
    }

    @GetMapping("/api/admin/dead-letters")
    public Mono<List<Map<String, Object>>> deadLetters() {
        return Mono.fromCallable(() -> {
            List<Map<String, Object>> parked = new ArrayList<>();
            for (String group : groupNames()) {
                SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElse(null);
                if (queue == null) {
                    continue;
                }
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    List<Map<String, Object>> letters = new ArrayList<>();
                    Object sequenceId = null;
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        sequenceId = sequenceId == null ? SEQUENCING.getSequenceIdentifierFor(letter.message())
                                : sequenceId;
                        letters.add(describe(letter));
                    }
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", group + SEPARATOR + sequenceId);
                    entry.put("processingGroup", group);
                    entry.put("sequence", String.valueOf(sequenceId));
                    entry.put("letters", letters);
                    parked.add(entry);
                }
            }
            return parked;
        }).subscribeOn(blockingWork);
    }

    /** Handles the parked events again, in order; answers whether they all went through this time. */
    @PostMapping("/api/admin/dead-letters/{id}/retry")
    public Mono<Map<String, Object>> retry(@PathVariable String id) {
        return Mono.fromCallable(() -> {
            Parked parked = parked(id);
            boolean succeeded = processing.sequencedDeadLetterProcessor(parked.group())
                    .orElseThrow(() -> new NotFound("No dead letter " + id))
                    .process(letter -> parked.sequence().equals(
                            String.valueOf(SEQUENCING.getSequenceIdentifierFor(letter.message()))));
            return Map.<String, Object>of("id", id, "succeeded", succeeded,
                    "stillParked", parked.queue().contains(parked.sequence()));
        }).subscribeOn(blockingWork);
    }

    @DeleteMapping("/api/admin/dead-letters/{id}")
    public Mono<ResponseEntity<Void>> evict(@PathVariable String id) {
        return Mono.fromCallable(() -> {
            Parked parked = parked(id);
            for (DeadLetter<? extends EventMessage<?>> letter : parked.queue().deadLetterSequence(parked.sequence())) {
                parked.queue().evict(letter);
            }
            return ResponseEntity.noContent().<Void>build();
        }).subscribeOn(blockingWork);
    }

    private record Parked(String group, String sequence, SequencedDeadLetterQueue<EventMessage<?>> queue) {
    }

    private Parked parked(String id) {
        int split = id.indexOf(SEPARATOR);
        if (split > 0 && groupNames().contains(id.substring(0, split))) {
            String group = id.substring(0, split);
            String sequence = id.substring(split + 1);
            SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElse(null);
            if (queue != null && queue.contains(sequence)) {
                return new Parked(group, sequence, queue);
            }
        }
        throw new NotFound("No dead letter " + id);
    }

    private List<String> groupNames() {
        return groups.stream().flatMap(g -> g.names().stream()).distinct().sorted().toList();
    }

    private static Map<String, Object> describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventId", event.getIdentifier());
        view.put("eventType", event.getPayloadType().getSimpleName());
        if (event instanceof DomainEventMessage<?> domain) {
            view.put("aggregateId", domain.getAggregateIdentifier());
            view.put("aggregateSequence", domain.getSequenceNumber());
        }
        view.put("cause", letter.cause().map(c -> Map.of("type", c.type(), "message",
                Objects.toString(c.message(), ""))).orElse(null));
        view.put("enqueuedAt", letter.enqueuedAt());
        view.put("lastTouched", letter.lastTouched());
        return view;
    }
}
