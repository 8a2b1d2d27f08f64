-- Reads a channel's position and, when asked, its history after an offset, in one atomic step so
-- that the position and the entries agree. Creates the epoch when the channel has none, so that a
-- client that learnt position (0, E) before the first publish can still recover it.
-- KEYS[1] meta hash, KEYS[2] history stream
-- ARGV[1] since (-1: position only), ARGV[2] the client's epoch, ARGV[3] history ttl ms
-- (0: no age limit), ARGV[4] meta ttl ms (0: never expires), ARGV[5] epoch to create
-- Returns {offset, epoch, then offset, publishedAt, message of each entry after since, oldest first}.
local epoch = redis.call('HGET', KEYS[1], 'e')
if not epoch then
  epoch = ARGV[5]
  redis.call('HSET', KEYS[1], 'e', epoch, 'o', 0)
  redis.call('DEL', KEYS[2])
  local metaTtl = tonumber(ARGV[4])
  if metaTtl > 0 then
    redis.call('PEXPIRE', KEYS[1], math.max(metaTtl, tonumber(ARGV[3])))
  end
end
local offset = tonumber(redis.call('HGET', KEYS[1], 'o') or '0')
local result = {tostring(offset), epoch}
local since = tonumber(ARGV[1])
if since < 0 or since >= offset or epoch ~= ARGV[2] then
  return result
end
local minMs = 0
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  local now = redis.call('TIME')
  minMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - ttl
end
local entries = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', offset - since)
for i = #entries, 1, -1 do
  local id = entries[i][1]
  local fields = entries[i][2]
  if tonumber(string.match(id, '^(%d+)')) >= minMs then
    table.insert(result, fields[2])
    table.insert(result, fields[4])
    table.insert(result, fields[6])
  end
end
return result
