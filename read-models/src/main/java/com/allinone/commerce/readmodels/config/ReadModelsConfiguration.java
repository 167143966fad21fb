package com.allinone.commerce.readmodels.config;

import com.allinone.commerce.axonconfig.processing.QueryNodeProcessingGroups;
import com.allinone.commerce.readmodels.catalog.CatalogProjector;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoReactiveDataAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The projectors of the query node, each on its MongoDB token store and dead-letter queue (DESIGN §2, §6). */
@AutoConfiguration(after = MongoReactiveDataAutoConfiguration.class)
public class ReadModelsConfiguration {

    @Bean
    public QueryNodeProcessingGroups readModelProcessingGroups() {
        return QueryNodeProcessingGroups.of(CatalogProjector.PROCESSING_GROUP);
    }

    @Bean
    public CatalogProjector catalogProjector(ReactiveMongoTemplate mongo) {
        return new CatalogProjector(mongo);
    }
}
