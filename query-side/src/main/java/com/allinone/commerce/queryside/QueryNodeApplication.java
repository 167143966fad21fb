package com.allinone.commerce.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The query node (DESIGN §2): projectors building the MongoDB read models, and the query API. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class QueryNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryNodeApplication.class, args);
    }
}
