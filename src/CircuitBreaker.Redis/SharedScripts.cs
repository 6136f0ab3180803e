namespace CircuitBreaker.Redis;

/// <summary>The Lua scripts: each reads the state's generation first, so a caller that is behind the fleet changes
/// nothing and learns the current generation instead. Break ends travel as strings of UTC ticks (beyond Lua's exact
/// integers).</summary>
internal static class SharedScripts
{
    /// <summary>A shared transition as one compare-and-set on the generation: applied only when the caller saw the
    /// current generation (or forced: isolate, reset), published to every instance. Returns
    /// <c>{applied, generation, state, breakEnd, breakEndsIn, clearsCounts}</c>: the state now in force.</summary>
    public const string Transition = """
        local s = redis.call('HMGET', KEYS[1], 'gen', 'st', 'end', 'in', 'clr')
        local gen = tonumber(s[1]) or 0
        if ARGV[2] ~= '1' and tonumber(ARGV[1]) ~= gen then
          return {0, gen, tonumber(s[2]) or 0, s[3] or '0', tonumber(s[4]) or 2, tonumber(s[5]) or 0}
        end
        gen = gen + 1
        redis.call('HSET', KEYS[1], 'gen', gen, 'st', ARGV[3], 'end', ARGV[4], 'in', ARGV[5], 'clr', ARGV[6], 'row', 0)
        redis.call('PUBLISH', ARGV[7], table.concat({'S', gen, ARGV[3], ARGV[4], ARGV[5], ARGV[6]}, '|'))
        return {1, gen, tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])}
        """;

    /// <summary>Adds one batch of outcomes and returns the fleet's numbers, in one step: <c>{current, generation,
    /// windowFailures, windowCalls, failuresInARow}</c>. Modes: <c>row</c> (failures in a row: a batch with a success
    /// sets the count to the failures after its last success, one without adds its failures; the count's moves from
    /// and to zero are published so that every instance knows whether its successes matter), <c>window</c> (time
    /// buckets that expire with the window), <c>last</c> (the latest batches, summed until they hold the policy's
    /// number of calls).</summary>
    public const string Counts = """
        local gen = tonumber(redis.call('HGET', KEYS[1], 'gen')) or 0
        if tonumber(ARGV[1]) ~= gen then return {0, gen, 0, 0, 0} end
        local s, f, t = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local mode = ARGV[7]
        local tf, tc = 0, 0
        local row = tonumber(redis.call('HGET', KEYS[1], 'row')) or 0
        if mode == 'row' then
          local before = row
          if s > 0 then row = t else row = row + f end
          if row ~= before then
            redis.call('HSET', KEYS[1], 'row', row)
            if (before == 0) ~= (row == 0) then
              redis.call('PUBLISH', ARGV[6], table.concat({'R', gen, row}, '|'))
            end
          end
        elseif mode == 'window' then
          if s + f > 0 then
            redis.call('HINCRBY', KEYS[2], 'f', f)
            redis.call('HINCRBY', KEYS[2], 'c', s + f)
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
          end
          for i = 3, #KEYS do
            local v = redis.call('HMGET', KEYS[i], 'f', 'c')
            tf = tf + (tonumber(v[1]) or 0)
            tc = tc + (tonumber(v[2]) or 0)
          end
        else
          local m = tonumber(ARGV[8])
          if s + f > 0 then
            redis.call('LPUSH', KEYS[2], f .. ':' .. (s + f))
            redis.call('LTRIM', KEYS[2], 0, m - 1)
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
          end
          for _, item in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
            local sep = string.find(item, ':', 1, true)
            tf = tf + tonumber(string.sub(item, 1, sep - 1))
            tc = tc + tonumber(string.sub(item, sep + 1))
            if tc >= m then break end
          end
        end
        return {1, gen, tf, tc, row}
        """;

    /// <summary>Leases up to the wanted number of trial slots of the current generation's half-open period, at most
    /// the fleet's limit held at once; a lease expires at the trial deadline (its score). Returns <c>{granted}</c>,
    /// or <c>{-1}</c> when the caller's generation is not the current one.</summary>
    public const string Lease = """
        local gen = tonumber(redis.call('HGET', KEYS[1], 'gen')) or 0
        if tonumber(ARGV[1]) ~= gen then return {-1} end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
        local free = tonumber(ARGV[2]) - redis.call('ZCARD', KEYS[2])
        local granted = math.min(tonumber(ARGV[6]), math.max(free, 0))
        for i = 1, granted do
          redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5] .. ':' .. i)
        end
        if granted > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
        return {granted}
        """;
}
