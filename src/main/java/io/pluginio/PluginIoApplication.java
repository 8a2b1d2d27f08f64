package io.pluginio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the plugin-io service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PluginIoApplication {

    public static void main(String[] args) {
        SpringApplication.run(PluginIoApplication.class, args);
    }
}
