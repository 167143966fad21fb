-- reserve(orderId, customerId, lines…): all-or-nothing across every line (DESIGN §5), within each SKU's
-- per-customer purchase limit.
-- KEYS: ready, record, pending, then per line: avail, ledger, cap, bought
-- ARGV: orderId, nowMillis, shortRetentionMillis (how long a SHORT or LIMIT record is kept), customerId ('' when the
--       caller does not know it: no limit applies), then per line: sku, quantity
-- Answers {state, taken, SKUs…}: taken is '1' only when this call took the stock; the SKUs are the short ones
-- (SHORT) or those over the customer's limit (LIMIT).
-- An order that already has a record gets that record's state back and takes nothing: a retry, or a reserve that
-- arrives after the order was released, never takes stock twice. A refused order leaves a SHORT or LIMIT record
-- naming the SKUs, so that a retry within the retention answers the same; it expires soon after, as nothing is held.
-- cap is a SKU's limit of units per customer (absent: none); bought is a hash of customerId -> units the customer
-- holds or has had committed, so a released order gives its units back to the limit too.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_READY', '0'}
end
local state = redis.call('HGET', KEYS[2], 'state')
if state then
  local answer = {state, '0'}
  if state == 'SHORT' or state == 'LIMIT' then
    local skus = redis.call('HGET', KEYS[2], 'short') or ''
    for sku in string.gmatch(skus, '[^,]+') do
      answer[#answer + 1] = sku
    end
  end
  return answer
end
local customer = ARGV[4]
local lines = (#ARGV - 4) / 2

local function refuse(refusal, skus)
  redis.call('HSET', KEYS[2], 'state', refusal, 'at', ARGV[2], 'short', table.concat(skus, ','))
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  local answer = {refusal, '0'}
  for _, sku in ipairs(skus) do
    answer[#answer + 1] = sku
  end
  return answer
end

local over = {}
if customer ~= '' then
  for i = 1, lines do
    local cap = tonumber(redis.call('GET', KEYS[4 * i + 2]) or '0')
    if cap > 0 then
      local bought = tonumber(redis.call('HGET', KEYS[4 * i + 3], customer) or '0')
      if bought + tonumber(ARGV[4 + 2 * i]) > cap then
        over[#over + 1] = ARGV[3 + 2 * i]
      end
    end
  end
end
if #over > 0 then
  return refuse('LIMIT', over)
end
local short = {}
for i = 1, lines do
  local available = tonumber(redis.call('GET', KEYS[4 * i]) or '0')
  if available < tonumber(ARGV[4 + 2 * i]) then
    short[#short + 1] = ARGV[3 + 2 * i]
  end
end
if #short > 0 then
  return refuse('SHORT', short)
end
for i = 1, lines do
  local quantity = tonumber(ARGV[4 + 2 * i])
  redis.call('DECRBY', KEYS[4 * i], quantity)
  redis.call('HINCRBY', KEYS[4 * i + 1], 'held', quantity)
  redis.call('HSET', KEYS[2], 'l:' .. ARGV[3 + 2 * i], quantity)
  if customer ~= '' then
    redis.call('HINCRBY', KEYS[4 * i + 3], customer, quantity)
  end
end
redis.call('HSET', KEYS[2], 'state', 'RESERVED', 'at', ARGV[2])
if customer ~= '' then
  redis.call('HSET', KEYS[2], 'c', customer)
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return {'RESERVED', '1'}
