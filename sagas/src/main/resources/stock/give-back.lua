-- giveBack(sku, adjustmentId): returns the units a withdrawal took for an adjustment that was not stored, once, and
-- marks it RETURNED (a StockAdjusted that still arrives later is then counted like any other adjustment).
-- With a cutoff it is the sweeper's call: only a withdrawal still pending since before the cutoff is given back.
-- KEYS: ready, record, pending withdrawals, avail, ledger
-- ARGV: member (<sku>:<adjustmentId>), nowMillis, retentionMillis, [cutoffMillis]
-- Answers RETURNED when it gave units back, otherwise the record's state (MISSING without one, KEPT for a sweep
-- that is too early).
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_READY'
end
if ARGV[4] then
  local takenAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if not takenAt or tonumber(takenAt) > tonumber(ARGV[4]) then
    return 'KEPT'
  end
end
local state = redis.call('HGET', KEYS[2], 'state')
if state ~= 'TAKEN' then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return state or 'MISSING'
end
local units = tonumber(redis.call('HGET', KEYS[2], 'units'))
redis.call('INCRBY', KEYS[4], units)
redis.call('HINCRBY', KEYS[5], 'in', units)
redis.call('HSET', KEYS[2], 'state', 'RETURNED', 'at', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[1])
return 'RETURNED'
