using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace KeyValue.Client.Cli;

/// <summary>
/// The policy options (<c>--fail-max</c>; <c>--window</c> with <c>--threshold</c>, or with <c>--failure-ratio</c> and
/// <c>--min-throughput</c>; <c>--last</c> with <c>--failures</c>), their ranges and the rules that tie them together —
/// for the client's breaker and, parsed again from its words, for every <c>--shadow</c>.
/// </summary>
internal sealed class PolicyCommandLine
{
    /// <summary>Upper bound for every duration given in seconds: a day is far beyond any sensible demo or test.</summary>
    public const double MaxSeconds = 86_400;

    /// <summary>The breaker's shortest window: one millisecond.</summary>
    private const double MinWindowSeconds = 0.001;

    /// <summary>The most calls <c>--last</c> may look at (the breaker's own limit).</summary>
    private static readonly int MaxLastCalls = CircuitBreaker.BreakerDefaults.MaxLastCalls;

    public PolicyCommandLine()
    {
        Options = [FailMax, Window, Threshold, FailureRatio, MinimumThroughput, Last, Failures];
        ClientCommandLine.AddRange(FailMax, 1, int.MaxValue);
        ClientCommandLine.AddRange(Last, 1, MaxLastCalls);
        ClientCommandLine.AddRange(Failures, 1, MaxLastCalls);
        Window.Validators.Add(result =>
        {
            if (ClientCommandLine.TryGetValue<double?>(result, out var seconds) && seconds is not null && !(seconds >= MinWindowSeconds && seconds <= MaxSeconds))
            {
                result.AddError(Invariant($"--window must be from {MinWindowSeconds} to {MaxSeconds} seconds, not {seconds}."));
            }
        });
        Threshold.Validators.Add(result =>
        {
            if (ClientCommandLine.TryGetValue<int?>(result, out var value) && value is < 0)
            {
                result.AddError("--threshold must be 0 or more.");
            }
        });
        FailureRatio.Validators.Add(result =>
        {
            if (ClientCommandLine.TryGetValue<double?>(result, out var ratio) && ratio is not null && !(ratio > 0 && ratio <= 1))
            {
                result.AddError(Invariant($"--failure-ratio must be more than 0 and at most 1, not {ratio}."));
            }
        });
        MinimumThroughput.Validators.Add(result =>
        {
            if (ClientCommandLine.TryGetValue<int?>(result, out var value) && value is < 1)
            {
                result.AddError("--min-throughput must be 1 or more.");
            }
        });
    }

    public Option<int> FailMax { get; } = new("--fail-max", "--fail_max")
    {
        Description = "Consecutive failures that open the circuit.",
        DefaultValueFactory = _ => ClientOptions.DefaultFailMax,
    };

    public Option<double?> Window { get; } = new("--window")
    {
        Description = "Seconds of the rolling window; use with --threshold, or with --failure-ratio and --min-throughput.",
        HelpName = "s",
    };

    public Option<int?> Threshold { get; } = new("--threshold")
    {
        Description = "Rolling-window policy: open when the failures within the window exceed this; without --reset-timeout the circuit closes by itself once they fall to it or fewer.",
        HelpName = "n",
    };

    public Option<double?> FailureRatio { get; } = new("--failure-ratio")
    {
        Description = "Ratio policy: open when the failed share of the window's calls is at least this (0 < r <= 1).",
        HelpName = "r",
    };

    public Option<int?> MinimumThroughput { get; } = new("--min-throughput")
    {
        Description = "Ratio policy: the fewest calls in the window before the ratio is judged.",
        HelpName = "n",
    };

    public Option<int?> Last { get; } = new("--last")
    {
        Description = "Last-calls policy: how many of the latest calls are looked at; use with --failures.",
        HelpName = "m",
    };

    public Option<int?> Failures { get; } = new("--failures")
    {
        Description = "Last-calls policy: open when this many of the last --last calls failed (1 to m).",
        HelpName = "n",
    };

    public IReadOnlyList<Option> Options { get; }

    /// <summary>The option names a <c>--shadow</c> may use, without their dashes.</summary>
    public IEnumerable<string> ShadowWords => Options.Select(option => option.Name.TrimStart('-'));

    public PolicyChoice ToChoice(ParseResult result)
    {
        var kind = result.GetValue(FailureRatio) is not null ? PolicyKind.FailureRatio
            : result.GetValue(Threshold) is not null ? PolicyKind.RollingWindow
            : result.GetValue(Last) is not null ? PolicyKind.LastCalls
            : PolicyKind.ConsecutiveFailures;
        return new PolicyChoice
        {
            Kind = kind,
            FailMax = result.GetValue(FailMax),
            Window = TimeSpan.FromSeconds(result.GetValue(Window) ?? 0),
            Threshold = result.GetValue(Threshold) ?? 0,
            FailureRatio = result.GetValue(FailureRatio) ?? 0,
            MinimumThroughput = result.GetValue(MinimumThroughput) ?? 0,
            LastCalls = result.GetValue(Last) ?? 0,
            LastFailures = result.GetValue(Failures) ?? 0,
        };
    }

    /// <summary>The rules between the policy options; every broken rule is reported.</summary>
    public void CheckConsistency(CommandResult result, string prefix)
    {
        var hasWindow = IsGiven(result, Window);
        var hasThreshold = IsGiven(result, Threshold);
        var hasRatio = IsGiven(result, FailureRatio);
        var hasThroughput = IsGiven(result, MinimumThroughput);
        var hasLast = IsGiven(result, Last);
        var hasFailures = IsGiven(result, Failures);
        var chosen = new[] { hasThreshold, hasRatio, hasLast }.Count(given => given);
        void Error(string text) => result.AddError(prefix + text);

        if (chosen > 1)
        {
            Error("Choose one policy: --threshold (rolling window), --failure-ratio (ratio) or --last (last calls), not several.");
        }

        if (hasThreshold && !hasWindow)
        {
            Error("--threshold needs --window <s>: the failures are counted within that many seconds.");
        }

        if (hasRatio && (!hasThroughput || !hasWindow))
        {
            Error("--failure-ratio needs --min-throughput <n> and --window <s>.");
        }

        if (hasThroughput && !hasRatio)
        {
            Error("--min-throughput only applies to the ratio policy: add --failure-ratio <r> and --window <s>.");
        }

        if (hasWindow && !hasThreshold && !hasRatio)
        {
            Error("--window needs --threshold <n> (rolling-window policy) or --failure-ratio <r> with --min-throughput <n> (ratio policy).");
        }

        if (hasLast != hasFailures)
        {
            Error("--last <m> and --failures <n> go together: open when n of the last m calls failed.");
        }

        if (hasLast && hasFailures && result.GetValue(Failures) > result.GetValue(Last))
        {
            Error(Invariant($"--failures ({result.GetValue(Failures)}) cannot exceed --last ({result.GetValue(Last)})."));
        }

        if (chosen > 0 && IsGiven(result, FailMax))
        {
            Error("--fail-max belongs to the consecutive-failures policy; it cannot be combined with --threshold, --failure-ratio or --last.");
        }
    }

    /// <summary>
    /// Reads one <c>--shadow</c>: its words are policy options without their dashes (<c>fail-max 5</c>,
    /// <c>window 10 threshold 3</c>, <c>last 10 failures 4</c>), parsed and checked exactly as the client's own.
    /// </summary>
    public static (ShadowOption? Shadow, IReadOnlyList<string> Errors) ParseShadow(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var prefix = $"--shadow '{text}': ";
        var policy = new PolicyCommandLine();
        var allowed = policy.ShadowWords.ToHashSet(StringComparer.Ordinal);
        if (words.Length == 0 || words.Length % 2 != 0)
        {
            return (null, [prefix + "give the policy as option-value pairs, e.g. 'fail-max 5', 'window 10 threshold 3', 'last 10 failures 4'."]);
        }

        var args = new List<string>();
        for (var i = 0; i < words.Length; i += 2)
        {
            if (!allowed.Contains(words[i]))
            {
                return (null, [prefix + $"'{words[i]}' is not a policy option; use {string.Join(", ", allowed)}."]);
            }

            args.Add("--" + words[i]);
            args.Add(words[i + 1]);
        }

        var root = new RootCommand();
        foreach (var option in policy.Options)
        {
            root.Options.Add(option);
        }

        root.Validators.Add(result => policy.CheckConsistency(result, prefix));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return (null, [.. parsed.Errors.Select(error => error.Message.StartsWith(prefix, StringComparison.Ordinal) ? error.Message : prefix + error.Message)]);
        }

        return (new ShadowOption(string.Join(' ', words), policy.ToChoice(parsed)), []);
    }

    public static bool IsGiven(SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
