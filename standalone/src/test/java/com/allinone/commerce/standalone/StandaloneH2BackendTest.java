package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The embedded server's backend: a collection renamed over another (a read-model switch) keeps its documents, also
 * after a restart; and its fast index keys find the same documents in files written by the library's own backend,
 * and the other way round.
 */
class StandaloneH2BackendTest {

    @TempDir
    Path dir;

    @Test
    void aRenamedCollectionKeepsItsDocumentsWhenItsOldNameIsReusedAndAfterARestart() {
        String file = dir.resolve("mongo.mv").toString();
        withDatabase(file, db -> {
            db.getCollection("live").insertMany(List.of(new Document("_id", "old-1"), new Document("_id", "old-2")));
            db.getCollection("shadow").insertMany(List.of(new Document("_id", "x"), new Document("_id", "y"),
                    new Document("_id", "z")));

            db.getCollection("shadow").renameCollection(new MongoNamespace(db.getName(), "live"),
                    new RenameCollectionOptions().dropTarget(true));
            assertThat(ids(db)).containsExactlyInAnyOrder("x", "y", "z");

            // The next rebuild creates and drops a shadow of the same name: the live documents stay.
            db.getCollection("shadow").insertOne(new Document("_id", "next"));
            db.getCollection("shadow").drop();
            assertThat(ids(db)).containsExactlyInAnyOrder("x", "y", "z");
            assertThat(db.getCollection("live").find(Filters.eq("_id", "y")).first()).isNotNull();
        });

        withDatabase(file, db -> {
            assertThat(ids(db)).containsExactlyInAnyOrder("x", "y", "z");
            assertThat(db.getCollection("live").find(Filters.eq("_id", "z")).first()).as("served by its _id index")
                    .isNotNull();
            assertThat(db.listCollectionNames()).doesNotContain("shadow");
        });
    }

    @Test
    void indexLookupsFindEveryDocumentInFilesWrittenByEitherBackend() {
        String file = dir.resolve("mongo.mv").toString();
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(i % 3 == 0 ? (Object) ("order-" + i) : i % 3 == 1 ? (Object) (long) i : (Object) new Document("c", i));
        }
        withDatabase(file, new H2Backend(file), db -> db.getCollection("live").insertMany(
                ids.subList(0, 300).stream().map(id -> new Document("_id", id).append("n", 1)).toList()));
        withDatabase(file, db -> {
            ids.subList(0, 300).forEach(id -> assertThat(db.getCollection("live").find(Filters.eq("_id", id)).first())
                    .as("written by the library, found by ours: %s", id).isNotNull());
            db.getCollection("live").insertMany(
                    ids.subList(300, 600).stream().map(id -> new Document("_id", id).append("n", 2)).toList());
            assertThat(db.getCollection("live").countDocuments(Filters.in("_id", ids))).isEqualTo(600);
        });
        withDatabase(file, new H2Backend(file), db -> ids.forEach(id ->
                assertThat(db.getCollection("live").find(Filters.eq("_id", id)).first())
                        .as("found by the library: %s", id).isNotNull()));
    }

    @Test
    void indexKeysCompareExactlyAsH2ComparesThem() {
        ObjectDataType h2 = new ObjectDataType();
        IndexKeyType ours = new IndexKeyType();
        List<KeyValue> keys = List.of(new KeyValue("a"), new KeyValue("b"), new KeyValue("order-10"),
                new KeyValue(1L), new KeyValue(2), new KeyValue(2.5), new KeyValue("a", 1L), new KeyValue(
                        new de.bwaldvogel.mongo.bson.Document("c", 1)));
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(ours.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    private static List<String> ids(MongoDatabase db) {
        return db.getCollection("live").find().map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    private static void withDatabase(String file, Consumer<MongoDatabase> work) {
        withDatabase(file, new StandaloneH2Backend(file, 16), work);
    }

    private static void withDatabase(String file, H2Backend backend, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client.getDatabase("commerce"));
        } finally {
            server.shutdownNow();
        }
    }
}
