namespace KeyValue.Faults;

/// <summary>Which data requests a <see cref="FaultSpec"/> fails.</summary>
public enum FaultSpecKind
{
    /// <summary><c>OFF</c>: none (the default).</summary>
    Off = 0,

    /// <summary><c>ON</c>: all.</summary>
    On,

    /// <summary><c>EVERY &lt;k&gt; OF &lt;m&gt;</c>: the k-th of every m.</summary>
    Every,

    /// <summary><c>PATTERN &lt;p&gt;</c>: by a repeated pattern of <c>.</c> (pass) and <c>x</c> (fail).</summary>
    Pattern,

    /// <summary><c>CHANCE &lt;p&gt; [SEED &lt;n&gt;]</c>: each independently with probability p.</summary>
    Chance,

    /// <summary><c>NEXT &lt;n&gt;</c>: the next n, then none.</summary>
    Next,

    /// <summary><c>FOR &lt;duration&gt;</c>: all, until the duration has passed since the spec was set, then none.</summary>
    For,
}
