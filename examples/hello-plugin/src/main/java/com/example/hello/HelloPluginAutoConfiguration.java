package com.example.hello;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Registers the plugin's beans. The service scans only its own packages, so a plugin jar names
 * this class in {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports};
 * Spring Boot reads that file from every jar on the class path, {@code loader.path} included.
 */
@AutoConfiguration
@Import({HelloRoutes.class, HelloChannels.class})
public class HelloPluginAutoConfiguration {}
