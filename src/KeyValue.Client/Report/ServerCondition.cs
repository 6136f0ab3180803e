namespace KeyValue.Client.Report;

/// <summary>What the server's fault spec made of it, by the definitions.</summary>
internal enum ServerCondition
{
    /// <summary>Under <c>OFF</c> (or a CHANCE of 0, or a PATTERN with no <c>x</c>): nothing fails.</summary>
    Healthy,

    /// <summary>Under <c>EVERY</c>, <c>PATTERN</c> or <c>CHANCE</c> with p &gt; 0: some requests fail.</summary>
    Degraded,

    /// <summary>Under <c>ON</c>, or a <c>NEXT</c> or <c>FOR</c> that has not run its course: every request fails.</summary>
    Failing,
}
