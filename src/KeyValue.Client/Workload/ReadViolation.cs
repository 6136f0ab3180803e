namespace KeyValue.Client.Workload;

/// <summary>A GET that returned something no acknowledged or possibly-applied write could explain.</summary>
/// <param name="Key">The key read.</param>
/// <param name="Observed">What the server returned; null for NOT_FOUND.</param>
/// <param name="Allowed">What it could legitimately have returned; null entries mean NOT_FOUND.</param>
internal sealed record ReadViolation(string Key, string? Observed, IReadOnlyList<string?> Allowed)
{
    public string Describe() =>
        $"read violation: GET {Key} returned {Show(Observed)}, expected {string.Join(" or ", Allowed.Select(Show))}";

    private static string Show(string? value) => value is null ? "NOT_FOUND" : $"\"{value}\"";
}
