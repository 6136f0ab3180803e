using System.Diagnostics.Metrics;
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
    /// <value>Default: <see cref="BreakerPolicy.ConsecutiveFailures()"/>, 5 failures in a row.</value>
    public BreakerPolicy Policy { get; set; } = BreakerPolicy.ConsecutiveFailures();

    /// <summary>How long the circuit stays open before it admits trial calls (half-open).</summary>
    /// <value><see langword="null"/> (the default) means the policy's own recovery: for
    /// <see cref="BreakerPolicy.RollingWindow(TimeSpan, int)"/> the circuit closes by itself as soon as the failures
    /// inside the window fall below the policy's count (no half-open); for the other policies a break of
    /// <see cref="BreakerDefaults.BreakDuration"/>. When set: greater than zero, at most
    /// <see cref="BreakerDefaults.LongestDuration"/>. A failure carrying a retry-after sets the length of the opening it
    /// causes instead.</value>
    public TimeSpan? BreakDuration { get; set; }

    /// <summary>How much the break grows on each consecutive re-open (a failed trial): the n-th re-open in a row
    /// breaks for <c>BreakDuration × factor^n</c>, capped at <see cref="MaxBreakDuration"/>. Closing resets n.</summary>
    /// <value>Default <see cref="BreakerDefaults.BreakDurationGrowthFactor"/> (a fixed break); 1 to
    /// <see cref="BreakerDefaults.MaxBreakDurationGrowthFactor"/>.</value>
    public double BreakDurationGrowthFactor { get; set; } = BreakerDefaults.BreakDurationGrowthFactor;

    /// <summary>The cap of a growing break and of a provider's retry-after. A fixed break longer than this is allowed
    /// and is then its own cap.</summary>
    /// <value>Default <see cref="BreakerDefaults.MaxBreakDuration"/>; greater than zero, at most <see cref="BreakerDefaults.LongestDuration"/>.</value>
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

    /// <summary>When set, a call that would count as a success but takes longer than this counts as a failure (its
    /// value is still returned).</summary>
    /// <value>Default <see langword="null"/> (off); when set, greater than zero and at most <see cref="BreakerDefaults.LongestDuration"/>.</value>
    public TimeSpan? SlowCallThreshold { get; set; }

    /// <summary>How a result counts, for every call that passes no classifier of its own: given the operation's
    /// value, say whether it is a success, a failure (optionally with the provider's retry-after) or ignored — no
    /// exception needed (an HTTP 503, an <c>ERR UNAVAILABLE</c> reply). Runs on the caller's thread; a classifier that
    /// throws counts the call as a failure and the call still returns its value.</summary>
    /// <value>Default <see langword="null"/>: every result is a success.</value>
    public Func<object?, CallVerdict>? ClassifyResult { get; set; }

    /// <summary>How an exception thrown by the operation counts. An <see cref="OperationCanceledException"/> thrown
    /// while the caller's own token is cancelled is never a failure, whatever this says (it is ignored); any other
    /// cancellation, a timeout among them, goes through this classifier.</summary>
    /// <value>Default: every exception is a failure.</value>
    public Func<Exception, CallVerdict> ClassifyException { get; set; } = static _ => CallVerdict.Failure;

    /// <summary>Named policies that see every outcome the breaker's own policy sees and never reject anything: each
    /// reports when it would have opened and closed (<see cref="Breaker.ShadowStateChanged"/>, the outcome's
    /// <see cref="BreakerOutcome{T}.ShadowTransitions"/>, and the <c>circuitbreaker.transitions</c> metric tagged
    /// <c>breaker.shadow</c>), so another configuration can be judged on live traffic. A shadow uses this options
    /// object's break, half-open and growth settings with its own policy; a call counts for a shadow as if it were
    /// made at the instant it finished, and a shadow that would have been open lets the outcome pass uncounted.</summary>
    /// <value>Empty by default; in insertion order; at most <see cref="BreakerDefaults.MaxShadowPolicies"/>; names
    /// not empty.</value>
    public IDictionary<string, BreakerPolicy> ShadowPolicies { get; private set; } = new OrderedDictionary<string, BreakerPolicy>(StringComparer.Ordinal);

    /// <summary>Where the breaker's meter comes from: a dependency-injection container's factory, so that the meter's
    /// lifetime and listeners are the container's.</summary>
    /// <value>Default <see langword="null"/>: one meter named <c>CircuitBreaker</c> shared by every breaker of the
    /// process, which holds no reference to any breaker.</value>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Where this breaker shares its circuit with the breakers of the same <see cref="Name"/> in other
    /// processes (e.g. <c>CircuitBreaker.Redis</c>): openings, isolation and resets spread, window counts are the
    /// fleet's, and half-open trials are leased fleet-wide. Calls never wait on the store: admission, rejection and a
    /// closed call's outcome stay local, and when the store cannot be reached the breaker goes on as a local one.</summary>
    /// <value>Default <see langword="null"/>: a local breaker.</value>
    public ISharedCircuitStore? SharedState { get; set; }

    /// <summary>The break duration in effect: <see cref="BreakDuration"/>, or the policy's default when it is null;
    /// <see langword="null"/> when the circuit recovers by failures ageing out of the window.</summary>
    internal TimeSpan? EffectiveBreakDuration =>
        BreakDuration ?? (Policy?.RecoversByAgeing == true ? null : BreakerDefaults.BreakDuration);

    /// <summary>The longest break: <see cref="MaxBreakDuration"/>, or the break itself when that is longer (a fixed
    /// break longer than the cap is allowed: the cap only limits growth and retry-after).</summary>
    internal TimeSpan BreakCap => EffectiveBreakDuration is { } fixedBreak && fixedBreak > MaxBreakDuration ? fixedBreak : MaxBreakDuration;

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

        if (ClassifyException is null)
        {
            problems.Add("ClassifyException is required.");
        }

        CheckShadows(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid breaker options:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    /// <summary>Copies the options so that the breaker is not affected by later changes.</summary>
    internal BreakerOptions Clone()
    {
        var copy = (BreakerOptions)MemberwiseClone();
        copy.ShadowPolicies = new OrderedDictionary<string, BreakerPolicy>(ShadowPolicies, StringComparer.Ordinal);
        return copy;
    }

    private void CheckShadows(List<string> problems)
    {
        if (ShadowPolicies is null)
        {
            problems.Add("ShadowPolicies is required.");
            return;
        }

        if (ShadowPolicies.Count > BreakerDefaults.MaxShadowPolicies)
        {
            problems.Add(Invariant($"ShadowPolicies holds {ShadowPolicies.Count} policies; at most {BreakerDefaults.MaxShadowPolicies} are allowed."));
        }

        foreach (var (name, policy) in ShadowPolicies)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add("A shadow policy's name must not be empty.");
            }

            if (policy is null)
            {
                problems.Add(Invariant($"Shadow policy '{name}' has no policy."));
            }
        }
    }
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
