package io.pluginio.plugin;

import java.util.Optional;

/**
 * The named secrets of one plugin, from configuration ({@code
 * plugin-io.plugins[<plugin>].secrets[<name>]}) or the environment. A plugin sees only its own.
 * Values never appear in logs, metrics, error bodies or actuator output; implementations' {@code
 * toString} print names only.
 */
public interface Secrets {

    /** The secret called {@code name}, if configured. */
    Optional<String> get(String name);

    /**
     * Whether the secret called {@code name} is configured and equals {@code candidate}, compared in
     * constant time. A missing secret never matches.
     */
    boolean matches(String name, String candidate);
}
