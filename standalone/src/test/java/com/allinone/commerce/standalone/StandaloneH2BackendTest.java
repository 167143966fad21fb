package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collection renamed over another (a read-model switch) keeps its documents, also after a restart. */
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
    void documentsWrittenByTheLibrarysOwnBackendAreFoundByIdAndTheOtherWayRound() {
        String file = dir.resolve("mongo.mv").toString();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            written.add("order-" + Integer.toHexString(i * 7919));
        }
        withDatabase(file, new H2Backend(file), db -> db.getCollection("live").insertMany(
                written.subList(0, 1_000).stream().map(id -> new Document("_id", id)).toList()));

        withDatabase(file, db -> {
            assertFoundOneByOneAndTogether(db, written.subList(0, 1_000));
            db.getCollection("live").insertMany(
                    written.subList(1_000, 2_000).stream().map(id -> new Document("_id", id)).toList());
            assertFoundOneByOneAndTogether(db, written);
        });

        withDatabase(file, new H2Backend(file), db -> assertFoundOneByOneAndTogether(db, written));
        StandaloneH2Backend backend = new StandaloneH2Backend(file, 16);
        withDatabase(file, backend, db -> {
            assertFoundOneByOneAndTogether(db, written);
            assertThat(backend.getMvStore().hasMap("commerce.live._index__id_")).isTrue();
            assertThat(backend.getMvStore().openMap("commerce.live._index__id_").getKeyType())
                    .isInstanceOf(SerializedOnceKeyType.class);
        });
    }

    private static void assertFoundOneByOneAndTogether(MongoDatabase db, List<String> ids) {
        var live = db.getCollection("live");
        assertThat(ids).allSatisfy(id -> assertThat(live.find(Filters.eq("_id", id)).first()).as(id).isNotNull());
        assertThat(live.find(Filters.in("_id", ids)).map(d -> d.getString("_id")).into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(live.find(Filters.eq("_id", "order-missing")).first()).isNull();
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
