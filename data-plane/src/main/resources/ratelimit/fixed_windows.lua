-- Rate-limit decisions for one or more windows, atomically and in the order given (a gateway sends
-- the decisions of one event-loop tick in one call). For window i: KEYS[i] is its counter;
-- ARGV[3i-2] its capacity, ARGV[3i-1] its length in ms, ARGV[3i] tokens wanted (1 = exact).
-- Returns, per window, {admitted (1/0), remaining, ms until the window closes, tokens granted}.
-- The window opens with the key's first admitted request; rejected requests are not counted, so
-- the counter is exactly the number admitted (or leased) in the window, across every gateway.
-- Two decisions on one key in one call are taken one after the other, as two calls would be.
-- More than one token is granted only while the window is far from full (8 leases' worth left),
-- so the end of every window is decided one request at a time.
local out = {}
for i = 1, #KEYS do
  local key = KEYS[i]
  local capacity = tonumber(ARGV[3 * i - 2])
  local window = tonumber(ARGV[3 * i - 1])
  local want = tonumber(ARGV[3 * i] or '1')
  local count = tonumber(redis.call('GET', key) or '0')
  local n = #out
  if count < capacity then
    local grant = 1
    if want > 1 and capacity - count >= want * 8 then
      grant = want
    end
    count = redis.call('INCRBY', key, grant)
    local ttl = window
    if count == grant then
      redis.call('PEXPIRE', key, window)
    else
      ttl = redis.call('PTTL', key)
      if ttl < 0 then
        -- A counter without expiry would block its caller forever: give it one window.
        redis.call('PEXPIRE', key, window)
        ttl = window
      end
    end
    out[n + 1] = 1
    out[n + 2] = capacity - count
    out[n + 3] = ttl
    out[n + 4] = grant
  else
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      redis.call('PEXPIRE', key, window)
      ttl = window
    end
    out[n + 1] = 0
    out[n + 2] = 0
    out[n + 3] = ttl
    out[n + 4] = 0
  end
end
return out
