using System.Globalization;

namespace CircuitBreaker;

/// <summary>Configures a <see cref="Breaker"/>. Checked by <see cref="Validate"/> when the breaker is created;
/// the breaker keeps its own copy, so later changes to this object have no effect on it.</summary>
public sealed class BreakerOptions
{
    /// <summary>The breaker's name, used in messages and as the <c>breaker.name</c> tag of its metrics.</summary>
    /// <value>Default <see cref="BreakerDefaults.Name"/>; must not be empty.</value>
    public string Name { get; set; } = BreakerDefaults.Name;

    /// <summary>The rule that opens the circuit.</summary>
    /// <value>Default: <see cref="BreakerPolicy.ConsecutiveFailures(int)"/> with <see cref="BreakerDefaults.ConsecutiveFailures"/>.</value>
    public BreakerPolicy Policy { get; set; } = BreakerPolicy.ConsecutiveFailures();

    /// <summary>How long the circuit stays open before it admits trial calls (half-open).</summary>
    /// <value><see langword="null"/> (the default) means the policy's own recovery: for
    /// <see cref="BreakerPolicyKind.RollingWindow"/> the circuit closes by itself as soon as the failures inside
    /// the window fall to the threshold or fewer (no half-open); for the other policies a break of
    /// <see cref="BreakerDefaults.BreakDuration"/>. When set: greater than zero, at most <see cref="MaxBreakDuration"/>.</value>
    public TimeSpan? BreakDuration { get; set; }

    /// <summary>How much the break grows on each consecutive re-open (a failed trial): the n-th re-open in a row
    /// breaks for <c>BreakDuration × factor^n</c>, capped at <see cref="MaxBreakDuration"/>. Closing resets n.</summary>
    /// <value>Default <see cref="BreakerDefaults.BreakDurationGrowthFactor"/> (a fixed break); 1 to
    /// <see cref="BreakerDefaults.MaxBreakDurationGrowthFactor"/>.</value>
    public double BreakDurationGrowthFactor { get; set; } = BreakerDefaults.BreakDurationGrowthFactor;

    /// <summary>The cap of a growing break.</summary>
    /// <value>Default <see cref="BreakerDefaults.MaxBreakDuration"/>; at least the break duration, at most <see cref="BreakerDefaults.LongestDuration"/>.</value>
    public TimeSpan MaxBreakDuration { get; set; } = BreakerDefaults.MaxBreakDuration;

    /// <summary>How many trial calls half-open admits at once; the rest are rejected.</summary>
    /// <value>Default <see cref="BreakerDefaults.HalfOpenMaxCalls"/>; 1 to <see cref="BreakerDefaults.MaxHalfOpenMaxCalls"/>.</value>
    public int HalfOpenMaxCalls { get; set; } = BreakerDefaults.HalfOpenMaxCalls;

    /// <summary>How many successful trials close the circuit; any failed trial re-opens it.</summary>
    /// <value>Default <see cref="BreakerDefaults.SuccessesToClose"/>; 1 to <see cref="BreakerDefaults.MaxSuccessesToClose"/>.</value>
    public int SuccessesToClose { get; set; } = BreakerDefaults.SuccessesToClose;

    /// <summary>A trial call that has not reported its outcome this long after it was admitted counts as a failed
    /// trial, so the circuit can never stay half-open forever.</summary>
    /// <value>Default <see cref="BreakerDefaults.TrialDeadline"/>; greater than zero, at most <see cref="BreakerDefaults.LongestDuration"/>.</value>
    public TimeSpan TrialDeadline { get; set; } = BreakerDefaults.TrialDeadline;

    /// <summary>When set, a call that succeeds but takes longer than this counts as a failure (its value is still returned).</summary>
    /// <value>Default <see langword="null"/> (off); when set, greater than zero and at most <see cref="BreakerDefaults.LongestDuration"/>.</value>
    public TimeSpan? SlowCallThreshold { get; set; }

    /// <summary>Decides whether an exception thrown by the operation counts as a failure; exceptions it rejects count
    /// as neither success nor failure. An <see cref="OperationCanceledException"/> thrown while the caller's own
    /// token is cancelled is never a failure, whatever this says.</summary>
    /// <value>Default: every exception is a failure.</value>
    public Func<Exception, bool> IsFailure { get; set; } = static _ => true;

    /// <summary>The break duration in effect: <see cref="BreakDuration"/>, or the policy's default when it is null;
    /// <see langword="null"/> when the circuit recovers by failures ageing out of the window.</summary>
    internal TimeSpan? EffectiveBreakDuration =>
        BreakDuration ?? (Policy?.Kind == BreakerPolicyKind.RollingWindow ? null : BreakerDefaults.BreakDuration);

    /// <summary>Checks every option and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more options are invalid; the message lists each problem on its own line.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Name must not be empty.");
        }

        if (Policy is null)
        {
            problems.Add("Policy is required.");
        }

        if (BreakDuration is { } breakDuration)
        {
            CheckDuration(problems, nameof(BreakDuration), breakDuration);
            if (breakDuration > MaxBreakDuration)
            {
                problems.Add(Invariant($"BreakDuration ({DurationText.Format(breakDuration)}) must not exceed MaxBreakDuration ({DurationText.Format(MaxBreakDuration)})."));
            }
        }
        else if (BreakerDefaults.BreakDuration > MaxBreakDuration && Policy?.Kind != BreakerPolicyKind.RollingWindow)
        {
            problems.Add(Invariant($"MaxBreakDuration ({DurationText.Format(MaxBreakDuration)}) must not be less than the default break of {DurationText.Format(BreakerDefaults.BreakDuration)}; set BreakDuration."));
        }

        CheckDuration(problems, nameof(MaxBreakDuration), MaxBreakDuration);
        if (!(BreakDurationGrowthFactor >= 1 && BreakDurationGrowthFactor <= BreakerDefaults.MaxBreakDurationGrowthFactor))
        {
            problems.Add(Invariant($"BreakDurationGrowthFactor must be between 1 and {BreakerDefaults.MaxBreakDurationGrowthFactor} (was {BreakDurationGrowthFactor})."));
        }

        CheckRange(problems, nameof(HalfOpenMaxCalls), HalfOpenMaxCalls, BreakerDefaults.MaxHalfOpenMaxCalls);
        CheckRange(problems, nameof(SuccessesToClose), SuccessesToClose, BreakerDefaults.MaxSuccessesToClose);
        CheckDuration(problems, nameof(TrialDeadline), TrialDeadline);
        if (SlowCallThreshold is { } slow)
        {
            CheckDuration(problems, nameof(SlowCallThreshold), slow);
        }

        if (IsFailure is null)
        {
            problems.Add("IsFailure is required.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid breaker options:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    /// <summary>Copies the options so that the breaker is not affected by later changes.</summary>
    internal BreakerOptions Clone() => (BreakerOptions)MemberwiseClone();

    private static void CheckDuration(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > BreakerDefaults.LongestDuration)
        {
            problems.Add(Invariant($"{name} must be greater than 0 and at most {DurationText.Format(BreakerDefaults.LongestDuration)} (was {DurationText.Format(value)})."));
        }
    }

    private static void CheckRange(List<string> problems, string name, int value, int max)
    {
        if (value < 1 || value > max)
        {
            problems.Add(Invariant($"{name} must be between 1 and {max} (was {value})."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
