-- Writes one order's reservation record from the fold of the event store, only if the order has none.
-- KEYS: record     ARGV: state, nowMillis, retentionMillis (for a settled record), then per line: sku, quantity
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'KEPT'
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'at', ARGV[2])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], 'l:' .. ARGV[i], ARGV[i + 1])
end
if ARGV[1] ~= 'RESERVED' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 'RESTORED'
