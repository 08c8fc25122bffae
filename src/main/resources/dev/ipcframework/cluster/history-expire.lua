-- Shared by the history scripts. A channel's history is two keys of one hash slot: a hash with its 'epoch' and the
-- last 'offset' given, and a stream whose entry ids are '<offset>-0', with the time it was kept ('t', ms) and the
-- frame ('f').

-- Redis's clock, in ms: the same for every node, whatever their own clocks say.
local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function offset_of(id)
  return tonumber(string.match(id, '^%d+'))
end

-- Drops the entries kept before the cutoff. They are in time order, so the first younger one ends the search.
local function expire(stream, cutoff)
  while true do
    local batch = redis.call('XRANGE', stream, '-', '+', 'COUNT', 100)
    if #batch == 0 then
      return
    end
    for _, entry in ipairs(batch) do
      if tonumber(entry[2][2]) >= cutoff then
        redis.call('XTRIM', stream, 'MINID', entry[1])
        return
      end
    end
    redis.call('XTRIM', stream, 'MINID', (offset_of(batch[#batch][1]) + 1) .. '-0')
  end
end

-- The channel's epoch, chosen now when it has none: a history Redis lost (a restart, FLUSHALL, an expiry) comes
-- back under another epoch. A stream left without its hash belongs to a lost history.
local function epoch_of(position, stream, new_epoch, ttl)
  if redis.call('HSETNX', position, 'epoch', new_epoch) == 1 then
    redis.call('DEL', stream)
    if ttl > 0 then
      redis.call('PEXPIRE', position, ttl)
    end
  end
  return redis.call('HGET', position, 'epoch')
end
