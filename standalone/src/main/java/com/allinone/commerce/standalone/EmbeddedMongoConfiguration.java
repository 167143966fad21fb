package com.allinone.commerce.standalone;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code SPRING_DATA_MONGODB_URI}, an embedded MongoDB wire-protocol server on a free loopback port (never
 * clashing with a MongoDB already on the machine), backed by an H2 file in the data folder so read models, tokens
 * and dead letters survive a restart. It has no transactions or change streams; the projectors need neither.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.data.mongodb.uri", matchIfMissing = true, havingValue = "embedded")
public class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    public MongoServer embeddedMongoServer(@Value("${commerce.data-dir}") String dataDir,
                                           @Value("${commerce.embedded-mongo.port:0}") int port,
                                           @Value("${commerce.embedded-mongo.cache-mb:128}") int cacheMegabytes)
            throws IOException {
        // The folder may not exist yet: with SPRING_DATASOURCE_URL and JWT_SECRET set, nothing else creates it.
        Path file = Files.createDirectories(Path.of(dataDir)).resolve("mongo.mv");
        MongoServer server = new MongoServer(new StandaloneH2Backend(file.toString(), cacheMegabytes));
        // 0: a free port. A fixed one lets a tool on this machine reach the read models (bench/ does).
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB wire server on {} (data in {})", address, file);
        return server;
    }

    @Bean
    public MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer,
                                                                 @Value("${spring.data.mongodb.database:commerce}")
                                                                 String database) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database);
        return () -> connection;
    }
}
