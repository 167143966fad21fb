package com.allinone.commerce.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Lets {@code QUERY_NODE_URLS=http://a:8082,http://b:8082} bind straight into the simple discovery client's instance
 * list: Spring Cloud only binds instances given field by field ({@code instances.query-node[0].uri=...}), which an
 * environment variable cannot express as one comma-separated list. The service id is filled in by
 * {@code SimpleDiscoveryProperties} from the map key.
 */
@Component
@ConfigurationPropertiesBinding
class ServiceInstanceFromUrl implements Converter<String, DefaultServiceInstance> {

    @Override
    public DefaultServiceInstance convert(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("A query node URL needs scheme, host and port: " + url);
        }
        DefaultServiceInstance instance = new DefaultServiceInstance();
        instance.setUri(uri);
        instance.setInstanceId(uri.getHost() + ":" + uri.getPort());
        return instance;
    }
}
