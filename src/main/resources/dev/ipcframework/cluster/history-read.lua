-- Reads a channel's history: '<latest offset>\n<epoch>\n<oldest kept offset>\n', then each entry as
-- '<offset>\n<length>\n<frame>'. To recover, it also publishes that to the recovering node's inbox: the node
-- receives it after every publish up to the latest offset read and before any later one.
-- KEYS: the channel's hash, its stream.
-- ARGV: 'recover' or 'read', the offset and epoch of the position to read after, the most entries to read (0: all),
-- the age limit in ms (0: none), an epoch for a history that starts now, the inbox topic and the head of the
-- message to it ('' for none).
-- A recovery reads nothing unless it gets everything after the position; a read starts from the oldest kept when the
-- position's epoch is not the channel's.
local position, stream = KEYS[1], KEYS[2]
local mode, ttl = ARGV[1], tonumber(ARGV[5])
if ttl > 0 then
  expire(stream, now_ms() - ttl)
end
local epoch
if mode == 'recover' then
  -- the acknowledgement names the epoch the next publish will have
  epoch = epoch_of(position, stream, ARGV[6], ttl)
else
  epoch = redis.call('HGET', position, 'epoch')
end
local latest, oldest, entries = 0, 1, {}
if epoch then
  latest = tonumber(redis.call('HGET', position, 'offset') or '0')
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
  oldest = (#first > 0) and offset_of(first[1][1]) or (latest + 1)
  local after
  if epoch == ARGV[3] then
    after = tonumber(ARGV[2])
  elseif mode == 'read' then
    after = 0
  end
  if mode == 'recover' and after and (after > latest or after + 1 < oldest) then
    after = nil
  end
  if after and after < latest then
    local range
    if ARGV[4] == '0' then
      range = redis.call('XRANGE', stream, (after + 1) .. '-0', '+')
    else
      range = redis.call('XRANGE', stream, (after + 1) .. '-0', '+', 'COUNT', ARGV[4])
    end
    for _, entry in ipairs(range) do
      local frame = entry[2][4]
      entries[#entries + 1] = offset_of(entry[1]) .. '\n' .. #frame .. '\n' .. frame
    end
  end
else
  epoch = ''
end
local body = latest .. '\n' .. epoch .. '\n' .. oldest .. '\n' .. table.concat(entries)
if ARGV[7] ~= '' then
  redis.call('PUBLISH', ARGV[7], ARGV[8] .. body)
end
return body
