-- commit(orderId): RESERVED -> COMMITTED once; the units left the warehouse. Refused after release (answers RELEASED).
-- KEYS: ready, record, pending     ARGV: orderId, nowMillis, key prefix ("{stock}:"), retentionMillis
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local state = redis.call('HGET', KEYS[2], 'state')
if not state then
  return 'MISSING'
end
if state ~= 'RESERVED' then
  return state
end
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'l:' then
    local ledger = ARGV[3] .. 'ledger:' .. string.sub(fields[i], 3)
    local quantity = tonumber(fields[i + 1])
    redis.call('HINCRBY', ledger, 'held', -quantity)
    redis.call('HINCRBY', ledger, 'committed', quantity)
  end
end
redis.call('HSET', KEYS[2], 'state', 'COMMITTED', 'at', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[1])
return 'COMMITTED'
