package com.allinone.commerce.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The whole backend in one process (DESIGN §2): command node, sagas, projectors and query API, with an H2 file for
 * SQL, an embedded MongoDB wire-protocol server and an embedded Redis, all under DATA_DIR.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({EmbeddedMongoConfiguration.class, EmbeddedRedisConfiguration.class, DevTokenController.class})
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
