package io.pluginio.web;

import io.pluginio.plugin.Credentials;
import io.pluginio.plugin.SimpleApi;

/** Routes that let every request in: for tests of what happens once a request is past authentication. */
abstract class OpenRoutes implements SimpleApi<Credentials> {

    @Override
    public boolean authenticate(Credentials credentials) {
        return true;
    }
}
