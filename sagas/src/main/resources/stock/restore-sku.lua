-- Writes one SKU's counters from the fold of the event store, only into empty keys: a rebuild after Redis lost its
-- data never overwrites a live counter.
-- KEYS: avail, seq, ledger     ARGV: available, lastSequence, in, held, committed
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then
  return 'KEPT'
end
redis.call('SET', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) >= 0 then
  redis.call('SET', KEYS[2], ARGV[2])
end
redis.call('HSET', KEYS[3], 'in', ARGV[3], 'held', ARGV[4], 'committed', ARGV[5])
return 'RESTORED'
