using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CircuitBreaker;

namespace KeyValue.Client.Cli;

/// <summary>
/// The client's command line: the options of the table, their ranges, and the rules that tie them
/// together. Parse errors and inconsistent options exit with 2 (System.CommandLine's default is 1).
/// </summary>
internal sealed class ClientCommandLine
{
    public const int InvalidOptionsExitCode = 2;

    /// <summary>Upper bound for every duration given in seconds: a day is far beyond any sensible demo or test.</summary>
    private const double MaxSeconds = 86_400;

    /// <summary>The breaker's shortest window: one millisecond.</summary>
    private const double MinWindowSeconds = 0.001;

    /// <summary>Longest request timeout: an hour, in milliseconds; beyond that a request is simply lost.</summary>
    private const int MaxTimeoutMilliseconds = 3_600_000;

    private readonly Option<string> host = new("--host")
    {
        Description = "The server's host name or address.",
        DefaultValueFactory = _ => ClientOptions.DefaultHost,
    };

    private readonly Option<int> port = new("--port")
    {
        Description = "The server's TCP port (1-65535).",
        DefaultValueFactory = _ => ClientOptions.DefaultPort,
    };

    private readonly Option<int> numberOfRequests = new("--number-requests", "--number_requests")
    {
        Description = "How many requests to send (rejected ones included).",
        DefaultValueFactory = _ => ClientOptions.DefaultNumberOfRequests,
    };

    private readonly Option<int> failMax = new("--fail-max", "--fail_max")
    {
        Description = "Consecutive failures that open the circuit.",
        DefaultValueFactory = _ => ClientOptions.DefaultFailMax,
    };

    private readonly Option<double> resetTimeout = new("--reset-timeout", "--reset_timeout")
    {
        Description = "Seconds the circuit stays open before a trial call (half-open).",
        DefaultValueFactory = _ => ClientOptions.DefaultResetTimeoutSeconds,
    };

    private readonly Option<double?> window = new("--window")
    {
        Description = "Seconds of the rolling window; use with --threshold, or with --failure-ratio and --min-throughput.",
        HelpName = "s",
    };

    private readonly Option<int?> threshold = new("--threshold")
    {
        Description = "Rolling-window policy: open when the failures within the window exceed this; without --reset-timeout the circuit closes by itself once they fall to it or fewer.",
        HelpName = "n",
    };

    private readonly Option<double?> failureRatio = new("--failure-ratio")
    {
        Description = "Ratio policy: open when the failed share of the window's calls is at least this (0 < r <= 1).",
        HelpName = "r",
    };

    private readonly Option<int?> minimumThroughput = new("--min-throughput")
    {
        Description = "Ratio policy: the fewest calls in the window before the ratio is judged.",
        HelpName = "n",
    };

    private readonly Option<int> halfOpenMax = new("--half-open-max")
    {
        Description = "Trial calls admitted at once in half-open.",
        DefaultValueFactory = _ => ClientOptions.DefaultHalfOpenMaxCalls,
    };

    private readonly Option<int> timeout = new("--timeout")
    {
        Description = "Milliseconds per request (connecting included); a timeout is a failure.",
        DefaultValueFactory = _ => ClientOptions.DefaultTimeoutMilliseconds,
    };

    private readonly Option<int> interval = new("--interval")
    {
        Description = "Milliseconds between requests, rejected ones included.",
        DefaultValueFactory = _ => ClientOptions.DefaultIntervalMilliseconds,
    };

    private readonly Option<string?> trace = new("--trace")
    {
        Description = "Write a JSON Lines record of the run to this file.",
        HelpName = "file",
    };

    private readonly Option<bool> interactive = new("--interactive")
    {
        Description = "Read commands (GET a, SET a 1, DEL a) from stdin and send each through the breaker; exit 0 at end of input.",
    };

    public ClientCommandLine()
    {
        Root = new RootCommand(
            "Sends a deterministic mix of SET, GET and DEL requests to the key-value server through a circuit breaker, "
            + "printing each call, its reply and the circuit's state as it happens.")
        {
            host, port, numberOfRequests, failMax, resetTimeout, window, threshold, failureRatio, minimumThroughput,
            halfOpenMax, timeout, interval, trace, interactive,
        };

        AddRange(port, 1, 65_535);
        AddRange(numberOfRequests, 1, int.MaxValue);
        AddRange(failMax, 1, int.MaxValue);
        AddRange(halfOpenMax, 1, int.MaxValue);
        AddRange(timeout, 1, MaxTimeoutMilliseconds);
        AddRange(interval, 0, int.MaxValue);
        AddSecondsRange(resetTimeout);
        host.Validators.Add(result =>
        {
            if (TryGetValue<string>(result, out var value) && string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--host must not be empty.");
            }
        });
        window.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var seconds) && seconds is not null && !(seconds >= MinWindowSeconds && seconds <= MaxSeconds))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--window must be from {MinWindowSeconds} to {MaxSeconds} seconds, not {seconds}."));
            }
        });
        threshold.Validators.Add(result =>
        {
            if (TryGetValue<int?>(result, out var value) && value is < 0)
            {
                result.AddError("--threshold must be 0 or more.");
            }
        });
        failureRatio.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var ratio) && ratio is not null && !(ratio > 0 && ratio <= 1))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--failure-ratio must be more than 0 and at most 1, not {ratio}."));
            }
        });
        minimumThroughput.Validators.Add(result =>
        {
            if (TryGetValue<int?>(result, out var value) && value is < 1)
            {
                result.AddError("--min-throughput must be 1 or more.");
            }
        });
        Root.Validators.Add(CheckConsistency);
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Parses <paramref name="args"/>; on errors writes them to <paramref name="error"/> and returns 2, on
    /// <c>--help</c> writes help and returns 0, otherwise hands the options to <paramref name="run"/>.
    /// </summary>
    public async Task<int> InvokeAsync(
        IReadOnlyList<string> args,
        Func<ClientOptions, CancellationToken, Task<int>> run,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help to see the options.");
            return InvalidOptionsExitCode;
        }

        Root.SetAction((result, ct) => run(ToOptions(result), ct));
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Turns an error-free parse result into options.</summary>
    public ClientOptions ToOptions(ParseResult result)
    {
        var policy = result.GetValue(failureRatio) is not null ? BreakerPolicyKind.FailureRatio
            : result.GetValue(threshold) is not null ? BreakerPolicyKind.RollingWindow
            : BreakerPolicyKind.ConsecutiveFailures;
        var resetGiven = IsGiven(result.RootCommandResult, resetTimeout);
        TimeSpan? reset = policy == BreakerPolicyKind.RollingWindow && !resetGiven
            ? null
            : TimeSpan.FromSeconds(result.GetValue(resetTimeout));

        return new ClientOptions
        {
            Host = result.GetValue(host)!,
            Port = result.GetValue(port),
            NumberOfRequests = result.GetValue(numberOfRequests),
            Policy = policy,
            FailMax = result.GetValue(failMax),
            ResetTimeout = reset,
            Window = TimeSpan.FromSeconds(result.GetValue(window) ?? 0),
            Threshold = result.GetValue(threshold) ?? 0,
            FailureRatio = result.GetValue(failureRatio) ?? 0,
            MinimumThroughput = result.GetValue(minimumThroughput) ?? 0,
            HalfOpenMaxCalls = result.GetValue(halfOpenMax),
            Timeout = TimeSpan.FromMilliseconds(result.GetValue(timeout)),
            Interval = TimeSpan.FromMilliseconds(result.GetValue(interval)),
            TracePath = result.GetValue(trace),
            Interactive = result.GetValue(interactive),
        };
    }

    private static bool IsGiven(SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>
    /// Reads an option's value for a range check. Validators run even when the text did not convert ("three"
    /// for a number); that error is already reported, so the range check is skipped.
    /// </summary>
    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static void AddRange(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue<int>(result, out var value) && (value < min || value > max))
            {
                var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}, not {value}."));
            }
        });
    }

    private static void AddSecondsRange(Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue<double>(result, out var value) && !(value > 0 && value <= MaxSeconds))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be more than 0 and at most {MaxSeconds} seconds, not {value}."));
            }
        });
    }

    private void CheckConsistency(CommandResult result)
    {
        var hasWindow = IsGiven(result, window);
        var hasThreshold = IsGiven(result, threshold);
        var hasRatio = IsGiven(result, failureRatio);
        var hasThroughput = IsGiven(result, minimumThroughput);

        if (hasThreshold && hasRatio)
        {
            result.AddError("Choose one policy: --threshold (rolling window) or --failure-ratio (ratio), not both.");
        }

        if (hasThreshold && !hasWindow)
        {
            result.AddError("--threshold needs --window <s>: the failures are counted within that many seconds.");
        }

        if (hasRatio && (!hasThroughput || !hasWindow))
        {
            result.AddError("--failure-ratio needs --min-throughput <n> and --window <s>.");
        }

        if (hasThroughput && !hasRatio)
        {
            result.AddError("--min-throughput only applies to the ratio policy: add --failure-ratio <r> and --window <s>.");
        }

        if (hasWindow && !hasThreshold && !hasRatio)
        {
            result.AddError("--window needs --threshold <n> (rolling-window policy) or --failure-ratio <r> with --min-throughput <n> (ratio policy).");
        }

        if ((hasThreshold || hasRatio) && IsGiven(result, failMax))
        {
            result.AddError("--fail-max belongs to the consecutive-failures policy; it cannot be combined with --threshold or --failure-ratio.");
        }

        if (IsGiven(result, interactive) && IsGiven(result, numberOfRequests))
        {
            result.AddError("--number-requests does not apply to --interactive, which sends one request per line of input.");
        }
    }
}
