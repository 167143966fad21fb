-- release(orderId): gives back exactly what the order took, once, and leaves a RELEASED tombstone, also when nothing
-- was reserved yet, so that a later reserve of the order takes nothing (DESIGN §5).
-- sweep(orderId, cutoff) is the same script with a cutoff: it releases only a RESERVED record still pending (no
-- OrderStockReserved seen) and reserved before the cutoff, and otherwise answers KEPT.
-- KEYS: ready, record, pending
-- ARGV: orderId, nowMillis, key prefix ("{stock}:"), retentionMillis (how long the tombstone is kept), [cutoffMillis]
-- The per-SKU keys are derived from the record's lines: they share the {stock} hash tag, so they sit in the same
-- cluster slot as the declared keys.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local state = redis.call('HGET', KEYS[2], 'state')
if ARGV[5] then
  local reservedAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if not reservedAt or tonumber(reservedAt) > tonumber(ARGV[5]) then
    return 'KEPT'
  end
  if state ~= 'RESERVED' then
    redis.call('ZREM', KEYS[3], ARGV[1])
    return 'KEPT'
  end
end
if not state then
  redis.call('HSET', KEYS[2], 'state', 'RELEASED', 'at', ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  return 'RELEASED'
end
if state ~= 'RESERVED' then
  return state
end
-- The customer's units go back to their purchase limit with the stock (reserve.lua counts them in bought).
local customer = redis.call('HGET', KEYS[2], 'c')
local fields = redis.call('HGETALL', KEYS[2])
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'l:' then
    local sku = string.sub(fields[i], 3)
    local quantity = tonumber(fields[i + 1])
    redis.call('INCRBY', ARGV[3] .. 'avail:' .. sku, quantity)
    redis.call('HINCRBY', ARGV[3] .. 'ledger:' .. sku, 'held', -quantity)
    if customer then
      redis.call('HINCRBY', ARGV[3] .. 'bought:' .. sku, customer, -quantity)
    end
  end
end
redis.call('HSET', KEYS[2], 'state', 'RELEASED', 'at', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[1])
return 'RELEASED'
