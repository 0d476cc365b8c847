-- One rate-limit decision, atomically. KEYS[1]: the window counter.
-- ARGV[1]: capacity of the window; ARGV[2]: window length in ms.
-- Returns {admitted (1/0), remaining, ms until the window closes}.
-- The window opens with the key's first admitted request; rejected requests are not counted, so
-- the counter is exactly the number admitted in the window, across every gateway.
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < capacity then
  count = redis.call('INCR', KEYS[1])
  local ttl = window
  if count == 1 then
    redis.call('PEXPIRE', KEYS[1], window)
  else
    ttl = redis.call('PTTL', KEYS[1])
    if ttl < 0 then
      -- A counter without expiry would block its caller forever: give it one window.
      redis.call('PEXPIRE', KEYS[1], window)
      ttl = window
    end
  end
  return {1, capacity - count, ttl}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
return {0, 0, ttl}
