namespace ReasonStream.AspNetCore;

/// <summary>
/// The Lua scripts that keep a stream's keys consistent: each runs atomically in Redis, so positions are assigned
/// once (an append names the position it expects to follow, and fails if another writer got there first), expiry
/// and the live notification go with the write, and a cancel request is both flagged and published.
/// </summary>
/// <remarks>All keys of one stream share the hash tag <c>{id}</c>, so the scripts also work on Redis Cluster.</remarks>
internal static class RedisScripts
{
    /// <summary>KEYS: state, owner. ARGV: created (Unix ms), retention ms, owner id, owner lease ms.</summary>
    public const string Create = """
        redis.call('HSET', KEYS[1], 'created', ARGV[1], 'last', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS: events, state, owner. ARGV: expected last position, retention ms, live channel, live payload, final (1/0),
    /// then (position, kind, data) per event. Returns -1 when written, -2 when the stream is gone, else the stored last position.
    /// </summary>
    public const string Append = """
        local last = redis.call('HGET', KEYS[2], 'last')
        if not last then return -2 end
        if tonumber(last) ~= tonumber(ARGV[1]) or redis.call('HGET', KEYS[2], 'done') then return tonumber(last) end
        local n = tonumber(last)
        for i = 6, #ARGV, 3 do
          redis.call('XADD', KEYS[1], '0-' .. ARGV[i], 'k', ARGV[i + 1], 'd', ARGV[i + 2])
          n = ARGV[i]
        end
        redis.call('HSET', KEYS[2], 'last', n)
        if ARGV[5] == '1' then
          redis.call('HSET', KEYS[2], 'done', 1)
          redis.call('DEL', KEYS[3])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return -1
        """;

    /// <summary>
    /// KEYS: state, owner, events. ARGV: retention ms, owner lease ms, owner id.
    /// Returns {state, follower pulse}: state 0 running, 1 cancel requested, 2 already ended (by another instance),
    /// 3 gone (no <c>last</c> field: the keys expired or the store lost them).
    /// </summary>
    public const string Heartbeat = """
        if redis.call('HEXISTS', KEYS[1], 'last') == 0 then return {3, -1} end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[3], ARGV[1])
        local pulse = tonumber(redis.call('HGET', KEYS[1], 'pulse') or '0')
        if redis.call('HGET', KEYS[1], 'done') then return {2, pulse} end
        if redis.call('HGET', KEYS[1], 'cancel') then return {1, pulse} end
        redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
        return {0, pulse}
        """;

    /// <summary>
    /// KEYS: state. A follower's presence, for a producer that cancels on disconnect: counted only on a stream that
    /// exists and runs, so it never re-creates an expired key (which would then live forever, with no expiry).
    /// HINCRBY on an existing key keeps its expiry. Returns the new pulse, or -1 when nothing was counted.
    /// </summary>
    public const string Pulse = """
        if redis.call('HEXISTS', KEYS[1], 'last') == 0 or redis.call('HEXISTS', KEYS[1], 'done') == 1 then return -1 end
        return redis.call('HINCRBY', KEYS[1], 'pulse', 1)
        """;

    /// <summary>KEYS: state. ARGV: cancel channel, stream id. Returns 0 unknown, 1 already finished, 2 requested.</summary>
    public const string Cancel = """
        if redis.call('HEXISTS', KEYS[1], 'last') == 0 then return 0 end
        if redis.call('HGET', KEYS[1], 'done') then return 1 end
        redis.call('HSET', KEYS[1], 'cancel', 1)
        redis.call('PUBLISH', ARGV[1], ARGV[2])
        return 2
        """;
}
