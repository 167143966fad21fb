package com.allinone.commerce.readmodels.rebuild;

import com.allinone.commerce.readmodels.common.ReadModelIndexes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Starts, watches and aborts the blue/green rebuilds of this node's read models (DESIGN §7), one at a time per read
 * model. Each runs on a thread of its own, never on an event loop, and is never interrupted (it may be inside JDBC):
 * an abort is a flag it checks between batches.
 */
public class ProjectionRebuilds {

    private final Map<String, RebuildableReadModel> models;
    private final EventStore events;
    private final ReactiveMongoTemplate mongo;
    private final ReadModelIndexes indexes;
    private final SwitchBarrier barrier;
    private final Runnable afterSwitch;
    private final Map<String, ProjectionRebuild> latest = new ConcurrentHashMap<>();

    public ProjectionRebuilds(List<RebuildableReadModel> models, EventStore events, ReactiveMongoTemplate mongo,
                              ReadModelIndexes indexes, SwitchBarrier barrier, Runnable afterSwitch) {
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(RebuildableReadModel::name,
                Function.identity()));
        this.events = events;
        this.mongo = mongo;
        this.indexes = indexes;
        this.barrier = barrier;
        this.afterSwitch = afterSwitch;
    }

    public List<String> names() {
        return models.keySet().stream().sorted().toList();
    }

    public boolean knows(String name) {
        return models.containsKey(name);
    }

    /** Starts a rebuild; empty when one is already running for that read model. */
    public synchronized Optional<RebuildStatus> start(String name) {
        RebuildableReadModel model = model(name);
        ProjectionRebuild running = latest.get(name);
        if (running != null && running.isRunning()) {
            return Optional.empty();
        }
        ProjectionRebuild rebuild = new ProjectionRebuild(model, events, mongo, indexes, barrier, afterSwitch);
        latest.put(name, rebuild);
        Thread thread = new Thread(rebuild, "rebuild-" + name);
        thread.setDaemon(true);
        thread.start();
        return Optional.of(rebuild.status());
    }

    /** The latest rebuild of the read model, running or finished; empty when there was none since start-up. */
    public Optional<RebuildStatus> status(String name) {
        model(name);
        return Optional.ofNullable(latest.get(name)).map(ProjectionRebuild::status);
    }

    /** Asks the running rebuild to stop; empty when none is running. */
    public Optional<RebuildStatus> abort(String name) {
        model(name);
        ProjectionRebuild running = latest.get(name);
        if (running == null || !running.isRunning()) {
            return Optional.empty();
        }
        running.abort();
        return Optional.of(running.status());
    }

    private RebuildableReadModel model(String name) {
        RebuildableReadModel model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("no read model named " + name);
        }
        return model;
    }
}
