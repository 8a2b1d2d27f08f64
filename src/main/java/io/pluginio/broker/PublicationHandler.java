package io.pluginio.broker;

/**
 * Receives the publications of one channel that a replica is subscribed to. A broker calls it for
 * each publication in offset order, never concurrently for one channel, and must not block on it.
 */
@FunctionalInterface
public interface PublicationHandler {

    /** A publication of the subscribed channel, own replica's included. */
    void onPublication(Publication publication);
}
