-- receive(sku, delta, seq): applies a StockReceived/StockAdjusted only if seq is above the SKU's last applied
-- Inventory sequence, so a redelivered or replayed event never counts twice.
-- KEYS: ready, avail, seq, ledger     ARGV: delta, seq
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local last = tonumber(redis.call('GET', KEYS[3]) or '-1')
if tonumber(ARGV[2]) <= last then
  return 'IGNORED'
end
redis.call('INCRBY', KEYS[2], ARGV[1])
redis.call('HINCRBY', KEYS[4], 'in', ARGV[1])
redis.call('SET', KEYS[3], ARGV[2])
return 'APPLIED'
