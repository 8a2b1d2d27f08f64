package io.pluginio.bench;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a scenario runs against: the addresses of one or more server instances and their process
 * ids (for CPU and memory).
 *
 * @param system a label for the table ("reference", "service", ...)
 */
public record Target(String system, List<InetSocketAddress> addresses, List<Long> pids) {

    InetSocketAddress address(int i) {
        return addresses.get(Math.floorMod(i, addresses.size()));
    }
}
