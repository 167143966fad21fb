-- One SKU's counters read at one instant, so a reservation running between two reads never shows as drift.
-- KEYS: avail, ledger     answers: available, in, held, committed
local ledger = redis.call('HMGET', KEYS[2], 'in', 'held', 'committed')
return {redis.call('GET', KEYS[1]) or '0', ledger[1] or '0', ledger[2] or '0', ledger[3] or '0'}
