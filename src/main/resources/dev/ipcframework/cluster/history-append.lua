-- Keeps a publish and hands it to every node in one step, so that all nodes receive a channel's publishes in the
-- order of their offsets.
-- KEYS: the channel's hash, its stream.
-- ARGV: an epoch for a history that starts now, the size limit, the age limit in ms (0: none), the frame, the
-- channel's pub/sub topic, the head of the message to the nodes (the offset, the epoch and the frame follow it).
local position, stream = KEYS[1], KEYS[2]
local ttl = tonumber(ARGV[3])
local epoch = epoch_of(position, stream, ARGV[1], ttl)
local offset = redis.call('HINCRBY', position, 'offset', 1)
local now = now_ms()
redis.call('XADD', stream, 'MAXLEN', ARGV[2], offset .. '-0', 't', now, 'f', ARGV[4])
if ttl > 0 then
  expire(stream, now - ttl)
  -- a channel nobody publishes to for longer than the age limit has nothing left to keep
  redis.call('PEXPIRE', position, ttl)
  redis.call('PEXPIRE', stream, ttl)
end
redis.call('PUBLISH', ARGV[5], ARGV[6] .. offset .. '\n' .. epoch .. '\n' .. ARGV[4])
return offset
