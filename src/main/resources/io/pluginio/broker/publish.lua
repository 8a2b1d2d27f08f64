-- Publishes one broadcast atomically: assigns its offset, appends it to the channel's bounded
-- history, and fans it out. Every key of a channel shares one cluster hash slot.
-- KEYS[1] meta hash (o = last offset, e = epoch), KEYS[2] history stream
-- ARGV[1] pub/sub channel, ARGV[2] message bytes, ARGV[3] history size (0 keeps none),
-- ARGV[4] history ttl ms (0: no age limit), ARGV[5] meta ttl ms (0: never expires),
-- ARGV[6] epoch to create when the channel has none, ARGV[7] publishedAt (epoch ms),
-- ARGV[8] PUBLISH or SPUBLISH
-- Returns {offset, epoch} as strings.
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[6]
  redis.call('HSET', KEYS[1], 'e', epoch, 'o', 0)
  -- a stream left from a lost epoch must never pass for this epoch's history
  redis.call('DEL', KEYS[2])
end
local offset = redis.call('HINCRBY', KEYS[1], 'o', 1)
local size = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
if size > 0 then
  redis.call('XADD', KEYS[2], 'MAXLEN', size, '*', 'o', offset, 't', ARGV[7], 'd', ARGV[2])
  if ttl > 0 then
    local now = redis.call('TIME')
    local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
    redis.call('XTRIM', KEYS[2], 'MINID', nowMs - ttl)
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
end
local metaTtl = tonumber(ARGV[5])
if metaTtl > 0 then
  redis.call('PEXPIRE', KEYS[1], math.max(metaTtl, ttl))
end
redis.call(ARGV[8], ARGV[1], offset .. ':' .. epoch .. ':' .. ARGV[7] .. ':' .. ARGV[2])
return {tostring(offset), epoch}
