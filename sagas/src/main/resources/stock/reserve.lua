-- reserve(orderId, lines…): all-or-nothing across every line (DESIGN §5).
-- KEYS: ready, record, pending, then per line: avail, ledger
-- ARGV: orderId, nowMillis, shortRetentionMillis (how long a SHORT record is kept), then per line: sku, quantity
-- Answers {state, taken, short SKUs…}: taken is '1' only when this call took the stock.
-- An order that already has a record gets that record's state back and takes nothing: a retry, or a reserve that
-- arrives after the order was released, never takes stock twice. A short order leaves a SHORT record naming every
-- short SKU, so that a retry within the retention answers the same; it expires soon after, as nothing is held.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_READY', '0'}
end
local state = redis.call('HGET', KEYS[2], 'state')
if state then
  local answer = {state, '0'}
  if state == 'SHORT' then
    local short = redis.call('HGET', KEYS[2], 'short') or ''
    for sku in string.gmatch(short, '[^,]+') do
      answer[#answer + 1] = sku
    end
  end
  return answer
end
local lines = (#ARGV - 3) / 2
local short = {}
for i = 1, lines do
  local available = tonumber(redis.call('GET', KEYS[2 + 2 * i]) or '0')
  if available < tonumber(ARGV[3 + 2 * i]) then
    short[#short + 1] = ARGV[2 + 2 * i]
  end
end
if #short > 0 then
  redis.call('HSET', KEYS[2], 'state', 'SHORT', 'at', ARGV[2], 'short', table.concat(short, ','))
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  local answer = {'SHORT', '0'}
  for _, sku in ipairs(short) do
    answer[#answer + 1] = sku
  end
  return answer
end
for i = 1, lines do
  local quantity = tonumber(ARGV[3 + 2 * i])
  redis.call('DECRBY', KEYS[2 + 2 * i], quantity)
  redis.call('HINCRBY', KEYS[3 + 2 * i], 'held', quantity)
  redis.call('HSET', KEYS[2], 'l:' .. ARGV[2 + 2 * i], quantity)
end
redis.call('HSET', KEYS[2], 'state', 'RESERVED', 'at', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return {'RESERVED', '1'}
