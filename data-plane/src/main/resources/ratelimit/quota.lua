-- One quota decision, atomically. KEYS[1]: the period counter (its name carries the period).
-- ARGV[1]: limit; ARGV[2]: unix seconds at which the counter may be deleted (period end + margin).
-- Returns {admitted (1/0), remaining}. Rejected requests are not counted.
local limit = tonumber(ARGV[1])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= limit then
  return {0, 0}
end
count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIREAT', KEYS[1], tonumber(ARGV[2]))
end
return {1, limit - count}
