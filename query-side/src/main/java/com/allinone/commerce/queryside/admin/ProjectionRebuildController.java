package com.allinone.commerce.queryside.admin;

import com.allinone.commerce.axonconfig.openapi.ProblemResponses;
import com.allinone.commerce.axonconfig.web.Problems;
import com.allinone.commerce.queryside.common.NotFound;
import com.allinone.commerce.readmodels.rebuild.ProjectionRebuilds;
import com.allinone.commerce.readmodels.rebuild.RebuildStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blue/green rebuilds of the read models (DESIGN §7): start one, watch it (as JSON, or as a server-sent event stream
 * that ends when the rebuild does), abort it. The rebuild itself runs on its own thread in {@link ProjectionRebuilds}.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class ProjectionRebuildController {

    private static final Duration STREAM_EVERY = Duration.ofSeconds(1);

    private final ProjectionRebuilds rebuilds;

    public ProjectionRebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** Every read model that can be rebuilt, with its latest rebuild (null when none ran since start-up). */
    @GetMapping("/api/admin/projections")
    public Mono<Map<String, RebuildStatus>> all() {
        return Mono.fromSupplier(() -> {
            Map<String, RebuildStatus> all = new LinkedHashMap<>();
            rebuilds.names().forEach(name -> all.put(name, rebuilds.status(name).orElse(null)));
            return all;
        });
    }

    @ProblemResponses(HttpStatus.CONFLICT)
    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @PostMapping("/api/admin/projections/{name}/rebuild")
    public Mono<ResponseEntity<RebuildStatus>> rebuild(@PathVariable String name) {
        return Mono.fromSupplier(() -> {
            known(name);
            RebuildStatus started = rebuilds.start(name).orElseThrow(() -> conflict("rebuild-running",
                    "a rebuild of " + name + " is already running: watch it or abort it first"));
            return ResponseEntity.accepted().header("Location", "/api/admin/projections/" + name).body(started);
        });
    }

    @GetMapping(value = "/api/admin/projections/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<RebuildStatus> status(@PathVariable String name) {
        return Mono.fromSupplier(() -> latest(name));
    }

    /** The rebuild's progress once a second, ending with its final state. */
    @GetMapping(value = "/api/admin/projections/{name}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<RebuildStatus>> progress(@PathVariable String name) {
        return Mono.fromSupplier(() -> latest(name)).flatMapMany(first -> Flux.interval(Duration.ZERO, STREAM_EVERY)
                .map(tick -> rebuilds.status(name).orElse(first)))
                .takeUntil(RebuildStatus::finished)
                .map(status -> ServerSentEvent.builder(status).event(status.state().toLowerCase()).build());
    }

    @ProblemResponses(HttpStatus.CONFLICT)
    @ResponseStatus(HttpStatus.ACCEPTED) // as its ResponseEntity says, for the OpenAPI spec
    @DeleteMapping("/api/admin/projections/{name}")
    public Mono<ResponseEntity<RebuildStatus>> abort(@PathVariable String name) {
        return Mono.fromSupplier(() -> {
            known(name);
            return rebuilds.abort(name).map(status -> ResponseEntity.accepted().body(status))
                    .orElseThrow(() -> conflict("no-rebuild-running", "no rebuild of " + name + " is running"));
        });
    }

    private RebuildStatus latest(String name) {
        known(name);
        return rebuilds.status(name).orElseThrow(() -> new NotFound("no rebuild of " + name + " since start-up"));
    }

    private void known(String name) {
        if (!rebuilds.knows(name)) {
            throw new NotFound("no read model named " + name + "; known: " + String.join(", ", rebuilds.names()));
        }
    }

    private static ErrorResponseException conflict(String type, String detail) {
        return new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, type, detail), null);
    }
}
