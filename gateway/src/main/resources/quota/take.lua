-- One request against a client's token bucket and daily quota, atomically, for every gateway replica.
-- KEYS[1] bucket hash (tokens, ts)   KEYS[2] the day's counter
-- ARGV[1] tokens per second   ARGV[2] burst   ARGV[3] daily limit   ARGV[4] day counter ttl (s)
-- Returns {allowed 0/1, whole tokens left, used today, limit hit 0 none/1 rate/2 daily, retry after ms}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local daily = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
local elapsed = math.max(0, now - ts)
tokens = math.min(burst, tokens + elapsed * rate / 1000)
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
local keep = math.ceil(burst * 1000 / rate) + 60000
if used >= daily then
  return {0, math.floor(tokens), used, 2, 0}
end
if tokens < 1 then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[1], keep)
  return {0, 0, used, 1, math.ceil((1 - tokens) * 1000 / rate)}
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], keep)
used = redis.call('INCR', KEYS[2])
if used == 1 then
  redis.call('EXPIRE', KEYS[2], ttl)
end
return {1, math.floor(tokens), used, 0, 0}
