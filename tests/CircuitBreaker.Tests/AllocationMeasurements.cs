namespace CircuitBreaker.Tests;

/// <summary>Tests that count the bytes their thread allocates. Every breaker records on one shared meter, so a
/// listener attached by a test running in parallel sees these tests' measurements, and its callback runs on their
/// thread: they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;
