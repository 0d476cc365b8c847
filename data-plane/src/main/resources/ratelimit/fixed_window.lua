-- One rate-limit decision, atomically. KEYS[1]: the window counter.
-- ARGV[1]: capacity of the window; ARGV[2]: window length in ms; ARGV[3]: tokens wanted (1 = exact).
-- Returns {admitted (1/0), remaining, ms until the window closes, tokens granted}.
-- The window opens with the key's first admitted request; rejected requests are not counted, so
-- the counter is exactly the number admitted (or leased) in the window, across every gateway.
-- More than one token is granted only while the window is far from full (8 leases' worth left),
-- so the end of every window is decided one request at a time.
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local want = tonumber(ARGV[3] or '1')
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < capacity then
  local grant = 1
  if want > 1 and capacity - count >= want * 8 then
    grant = want
  end
  count = redis.call('INCRBY', KEYS[1], grant)
  local ttl = window
  if count == grant then
    redis.call('PEXPIRE', KEYS[1], window)
  else
    ttl = redis.call('PTTL', KEYS[1])
    if ttl < 0 then
      -- A counter without expiry would block its caller forever: give it one window.
      redis.call('PEXPIRE', KEYS[1], window)
      ttl = window
    end
  end
  return {1, capacity - count, ttl, grant}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
return {0, 0, ttl, 0}
