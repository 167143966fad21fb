package com.allinone.commerce.standalone;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB wire-protocol server as a process of its own, for running query nodes without a real MongoDB
 * (this machine has none): the split topology's test starts one, and a user can too (README, "Operating it"):
 *
 * <pre>
 * java -cp standalone/target/commerce-standalone.jar -Dloader.main=com.allinone.commerce.standalone.MongoWireServer \
 *      org.springframework.boot.loader.launch.PropertiesLauncher [port] [file]
 * </pre>
 *
 * <p>{@code port} defaults to 27017 on 127.0.0.1 ({@code MONGO_WIRE_BIND} chooses another address); with {@code file}
 * the data lives in that H2 file (the same backend standalone uses), otherwise in memory. It has no replica set,
 * transactions or change streams; query nodes need none of them.
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        String bind = System.getenv().getOrDefault("MONGO_WIRE_BIND", "127.0.0.1");
        MongoBackend backend = args.length > 1 ? fileBackend(Path.of(args[1])) : new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        server.bind(bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-wire-shutdown"));
        // The line a starter waits for before pointing query nodes at it.
        System.out.println("MongoDB wire server listening on " + server.getLocalAddress()
                + (args.length > 1 ? " (data in " + args[1] + ")" : " (in memory)"));
        stopped.await();
    }

    private static MongoBackend fileBackend(Path file) throws Exception {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new StandaloneH2Backend(file.toString(), 128);
    }
}
