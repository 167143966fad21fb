-- withdraw(sku, adjustmentId, units): takes units of the SKU's available stock for a stock adjustment, all or none,
-- before its StockAdjusted is stored. Units held or committed by orders are not available, so they are never taken.
-- KEYS: ready, record ({stock}:adj:<sku>:<adjustmentId>), pending withdrawals, avail, ledger
-- ARGV: member (<sku>:<adjustmentId>), units, nowMillis
-- Answers {state, available}:
--   TAKEN: the units are taken for this adjustment; a record still TAKEN from an earlier attempt of the same
--          adjustment (not stored, not yet given back) is reused, and only the difference is taken or given back.
--   SHORT: fewer units are available than asked; nothing is taken, and an earlier attempt's units are given back.
--   APPLIED: the adjustment was stored and counted before; nothing is taken.
--   NOT_READY: the ledger has not (re)built the counters yet.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_READY', '-1'}
end
local state = redis.call('HGET', KEYS[2], 'state')
local available = tonumber(redis.call('GET', KEYS[4]) or '0')
if state == 'APPLIED' then
  return {'APPLIED', tostring(available)}
end
local units = tonumber(ARGV[2])
local kept = 0
if state == 'TAKEN' then
  kept = tonumber(redis.call('HGET', KEYS[2], 'units'))
end
if available + kept < units then
  if kept > 0 then
    redis.call('INCRBY', KEYS[4], kept)
    redis.call('HINCRBY', KEYS[5], 'in', kept)
    redis.call('HSET', KEYS[2], 'state', 'RETURNED', 'at', ARGV[3])
    redis.call('ZREM', KEYS[3], ARGV[1])
  end
  return {'SHORT', tostring(available + kept)}
end
redis.call('DECRBY', KEYS[4], units - kept)
redis.call('HINCRBY', KEYS[5], 'in', kept - units)
redis.call('HSET', KEYS[2], 'state', 'TAKEN', 'units', units, 'at', ARGV[3])
-- Kept until its event is counted or it is given back: its expiry would let the event count the units twice.
redis.call('PERSIST', KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return {'TAKEN', tostring(available + kept - units)}
