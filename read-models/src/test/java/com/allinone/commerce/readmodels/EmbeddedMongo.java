package com.allinone.commerce.readmodels;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The embedded MongoDB wire-protocol server (in memory, so it serves only {@code _id} lookups by index, like the
 * standalone's) on a free loopback port, with the real reactive driver connected to it: what the read-model tests
 * write and read through.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());

    /** A template on one database of this server; a test of its own name keeps tests from meeting. */
    public ReactiveMongoTemplate template(String database) {
        return new ReactiveMongoTemplate(client, database);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
