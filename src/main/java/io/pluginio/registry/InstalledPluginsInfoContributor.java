package io.pluginio.registry;

import java.util.TreeSet;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Lists the installed plugins under {@code plugins} in {@code /actuator/info}, so that an operator can
 * see which plugin jars a replica loaded. Names only: never settings or secrets.
 */
@Component
final class InstalledPluginsInfoContributor implements InfoContributor {

    private final PluginRegistry registry;

    InstalledPluginsInfoContributor(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("plugins", new TreeSet<>(registry.pluginNames()));
    }
}
