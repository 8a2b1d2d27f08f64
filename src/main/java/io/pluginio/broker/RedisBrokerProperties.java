package io.pluginio.broker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis broker ({@code plugin-io.broker=redis}); Redis itself is configured with the
 * standard {@code spring.data.redis.*} properties.
 *
 * @param publishTimeout how long a publish, history read or subscribe may wait for Redis before it
 *     fails with {@link BrokerUnavailableException} (an HTTP broadcast then answers 503). Default 2s.
 *     A publish that timed out may still have been applied by Redis.
 * @param shardedPubsub whether to fan out with sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE},
 *     Redis 7 or later) instead of {@code PUBLISH}/{@code SUBSCRIBE}. Default false. On Redis Cluster
 *     a classic publication is copied to every node; a sharded one stays on the shard that owns the
 *     channel's hash slot, so throughput grows with the number of shards.
 * @param metaTtl how long a channel's offset and epoch outlive its last publish; when they expire the
 *     channel starts again with a new epoch, and clients that resume are told they were not
 *     recovered. Never shorter than the history TTL. Default 24h; zero means they never expire.
 */
@ConfigurationProperties("plugin-io.redis")
public record RedisBrokerProperties(
        @DefaultValue("2s") Duration publishTimeout,
        @DefaultValue("false") boolean shardedPubsub,
        @DefaultValue("24h") Duration metaTtl) {

    public RedisBrokerProperties {
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("plugin-io.redis.publish-timeout must be positive");
        }
        if (metaTtl.isNegative()) {
            throw new IllegalArgumentException("plugin-io.redis.meta-ttl must not be negative");
        }
    }
}
