using StackExchange.Redis;

namespace CircuitBreaker.Redis;

/// <summary>One item of a member's work queue: a local fact to carry to Redis, a message from Redis, or a signal.</summary>
internal readonly record struct MemberWork(
    MemberWorkKind Kind,
    CircuitTransition? Transition = null,
    long FleetGeneration = 0,
    long LocalGeneration = 0,
    RedisValue Message = default);
