-- Writes one order's reservation record from the fold of the event store, only if the order has none, and counts
-- a held or committed order against its customer's purchase limits again (reserve.lua's bought hashes).
-- KEYS: record
-- ARGV: state, nowMillis, retentionMillis (for a settled record), key prefix ("{stock}:"), customerId ('' if
--       unknown), then per line: sku, quantity
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'KEPT'
end
local customer = ARGV[5]
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'at', ARGV[2])
if customer ~= '' then
  redis.call('HSET', KEYS[1], 'c', customer)
end
for i = 6, #ARGV, 2 do
  redis.call('HSET', KEYS[1], 'l:' .. ARGV[i], ARGV[i + 1])
  if customer ~= '' and (ARGV[1] == 'RESERVED' or ARGV[1] == 'COMMITTED') then
    redis.call('HINCRBY', ARGV[4] .. 'bought:' .. ARGV[i], customer, ARGV[i + 1])
  end
end
if ARGV[1] ~= 'RESERVED' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 'RESTORED'
