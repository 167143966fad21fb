package com.allinone.commerce.standalone;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB server's H2 backend, with {@code renameCollection} made to hold (written by hand: the library
 * has no fix to upgrade to), unique indexes whose keys are serialized once ({@link SerializedOnceKeyType}), and a page
 * cache of a chosen size.
 *
 * <p>The rename: in mongo-java-server 1.47.0,
 * {@code H2Database.moveCollection} renames the MVStore maps only after the collection already carries its new name,
 * so it renames nothing: the documents stay in the maps of the old name (and the index maps are never renamed). A
 * collection created and dropped later under the old name then removes the renamed collection's documents, and after
 * a restart the renamed collection opens empty. A blue/green read-model rebuild switches by renaming, so standalone
 * needs renames that hold.
 */
final class StandaloneH2Backend extends H2Backend {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    /** @param cacheMegabytes H2's page cache: pages evicted from it are read and deserialized again on each lookup */
    StandaloneH2Backend(String fileName, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StandaloneH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /**
     * An inner class on purpose: H2Database's constructor opens the existing indexes through
     * {@link #openOrCreateUniqueIndex}, before a field of this class could be assigned, while the enclosing backend
     * (and so its store) is already there.
     */
    private final class StandaloneH2Database extends H2Database {

        StandaloneH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // Opened here first with the faster key type; the library's own openMap(name) then gets this same map.
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName,
                    new MVMap.Builder<>().keyType(new SerializedOnceKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection,
                                   String newCollectionName) {
            String from = collection.getFullName();
            String to = getDatabaseName() + "." + newCollectionName;
            super.moveCollection(oldDatabase, collection, newCollectionName);
            // What the library just did: opened, and so created, empty maps under the new name. Drop those, then give
            // the collection's own maps (documents, metadata, indexes) the new name; the collection keeps using the
            // same map objects.
            MVStore store = getMvStore();
            List<String> names = List.copyOf(store.getMapNames());
            names.stream().filter(name -> belongsTo(name, to)).forEach(store::removeMap);
            names.stream().filter(name -> belongsTo(name, from)).forEach(name -> store.renameMap(
                    store.openMap(name), renamed(name, from, to)));
        }

        private static boolean belongsTo(String mapName, String collection) {
            return mapName.equals(DATA_PREFIX + collection) || mapName.equals(META_PREFIX + collection)
                    || mapName.startsWith(collection + INDEX_INFIX);
        }

        private static String renamed(String mapName, String from, String to) {
            if (mapName.startsWith(DATA_PREFIX)) {
                return DATA_PREFIX + to;
            }
            if (mapName.startsWith(META_PREFIX)) {
                return META_PREFIX + to;
            }
            return to + mapName.substring(from.length());
        }
    }
}
