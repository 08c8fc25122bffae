-- Admits a channel to its application's channel histories, which are bounded in number: a publish or a recovery on
-- a channel that is not among them adds it while there is room. Run before a channel's history script, which
-- touches keys of another hash slot.
-- KEYS: the application's sorted set of channels with a history; a channel's score is the Redis time (ms) until
-- which its history keys live, 'inf' without an age limit.
-- ARGV: the channel id, the most channels the application may have, the age limit in ms (0: none).
-- Returns the application's number of channels with a history, negated (or 0) when the channel was refused.
local channels = KEYS[1]
local channel, max, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
-- Redis's clock, in ms, as the history scripts keep time; this script goes without their helpers, being sent with
-- every publish
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- channels whose history keys expired, with nobody publishing to them for longer than the age limit
redis.call('ZREMRANGEBYSCORE', channels, '-inf', '(' .. now)
local count = redis.call('ZCARD', channels)
if not redis.call('ZSCORE', channels, channel) then
  if count >= max then
    return -count
  end
  count = count + 1
end
if ttl > 0 then
  redis.call('ZADD', channels, now + ttl, channel)
  -- every score is below now + ttl: the set goes when its last channel does
  redis.call('PEXPIRE', channels, ttl)
else
  redis.call('ZADD', channels, 'inf', channel)
  redis.call('PERSIST', channels)
end
return count
