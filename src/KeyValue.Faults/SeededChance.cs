namespace KeyValue.Faults;

/// <summary>
/// A reproducible draw in [0, 1) for request number n under a seed: the n-th output of a SplitMix64 generator
/// started at the seed. Being a pure function of (seed, n), it does not depend on which thread asks first.
/// </summary>
internal static class SeededChance
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    public static double Draw(long seed, long requestNumber)
    {
        ulong z = unchecked((ulong)seed + ((ulong)requestNumber * GoldenGamma));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;

        // The top 53 bits fill a double's mantissa exactly, giving a uniform value in [0, 1).
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
