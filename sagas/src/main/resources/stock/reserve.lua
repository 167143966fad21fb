-- reserve(orderId, lines…): all-or-nothing across every line (DESIGN §5).
-- KEYS: ready, record, pending, then per line: avail, ledger
-- ARGV: orderId, nowMillis, retentionMillis (how long a SHORT record is kept), then per line: sku, quantity
-- An order that already has a record gets that record's state back and takes nothing: a retry, or a reserve that
-- arrives after the order was released, never takes stock twice. A short order leaves a SHORT record so that a retry
-- answers the same.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local state = redis.call('HGET', KEYS[2], 'state')
if state then
  return state
end
local lines = (#ARGV - 3) / 2
for i = 1, lines do
  local available = tonumber(redis.call('GET', KEYS[2 + 2 * i]) or '0')
  if available < tonumber(ARGV[3 + 2 * i]) then
    redis.call('HSET', KEYS[2], 'state', 'SHORT', 'at', ARGV[2])
    redis.call('PEXPIRE', KEYS[2], ARGV[3])
    return 'SHORT'
  end
end
for i = 1, lines do
  local quantity = tonumber(ARGV[3 + 2 * i])
  redis.call('DECRBY', KEYS[2 + 2 * i], quantity)
  redis.call('HINCRBY', KEYS[3 + 2 * i], 'held', quantity)
  redis.call('HSET', KEYS[2], 'l:' .. ARGV[2 + 2 * i], quantity)
end
redis.call('HSET', KEYS[2], 'state', 'RESERVED', 'at', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 'RESERVED'
