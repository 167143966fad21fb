-- sweep(orderId, cutoff): releases a RESERVED record that is still pending (no OrderStockReserved seen) and older
-- than the cutoff: a crash between the reservation and its event. Leaves the tombstone, so the saga's own retry
-- answers RELEASED and the order is rejected instead of oversold.
-- KEYS: ready, record, pending     ARGV: orderId, nowMillis, key prefix, cutoffMillis
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local reservedAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
if not reservedAt or tonumber(reservedAt) > tonumber(ARGV[4]) then
  return 'KEPT'
end
if redis.call('HGET', KEYS[2], 'state') ~= 'RESERVED' then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 'KEPT'
end
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'l:' then
    local sku = string.sub(fields[i], 3)
    local quantity = tonumber(fields[i + 1])
    redis.call('INCRBY', ARGV[3] .. 'avail:' .. sku, quantity)
    redis.call('HINCRBY', ARGV[3] .. 'ledger:' .. sku, 'held', -quantity)
  end
end
redis.call('HSET', KEYS[2], 'state', 'RELEASED', 'at', ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return 'RELEASED'
