-- receive(sku, delta, seq): applies a StockReceived/StockAdjusted only if seq is above the SKU's last applied
-- Inventory sequence, so a redelivered or replayed event never counts twice.
-- An adjustment that removed units took them from the gate before it was stored (withdraw.lua): if its withdrawal
-- record is still TAKEN, the units are already counted, so only the sequence moves on and the record becomes
-- APPLIED. Without a record, or one RETURNED, the delta is counted here like any other.
-- KEYS: ready, avail, seq, ledger, [withdrawal record, pending withdrawals]
-- ARGV: delta, seq, [member (<sku>:<adjustmentId>), retentionMillis]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
local withdrawn = false
if KEYS[5] then
  local state = redis.call('HGET', KEYS[5], 'state')
  if state then
    withdrawn = state == 'TAKEN'
    redis.call('HSET', KEYS[5], 'state', 'APPLIED')
    redis.call('PEXPIRE', KEYS[5], ARGV[4])
    redis.call('ZREM', KEYS[6], ARGV[3])
  end
end
local last = tonumber(redis.call('GET', KEYS[3]) or '-1')
if tonumber(ARGV[2]) <= last then
  return 'IGNORED'
end
if not withdrawn then
  redis.call('INCRBY', KEYS[2], ARGV[1])
  redis.call('HINCRBY', KEYS[4], 'in', ARGV[1])
end
redis.call('SET', KEYS[3], ARGV[2])
return 'APPLIED'
