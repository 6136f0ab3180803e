using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace KeyValue.Client.Cli;

/// <summary>
/// The client's command line: the options of the table, their ranges, and the rules that tie them
/// together. Parse errors and inconsistent options exit with 2 (System.CommandLine's default is 1).
/// </summary>
internal sealed class ClientCommandLine
{
    public const int InvalidOptionsExitCode = 2;

    private const double MaxSeconds = PolicyCommandLine.MaxSeconds;

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
        Description = "How many requests to send (rejected ones included); 0 sends until Ctrl+C or the end of --duration.",
        DefaultValueFactory = _ => ClientOptions.DefaultNumberOfRequests,
    };

    private readonly Option<double?> duration = new("--duration")
    {
        Description = "Seconds the run lasts at most: no request starts after them (with --number-requests 0, the run's length).",
        HelpName = "seconds",
    };

    private readonly Option<string?> runId = new("--run-id")
    {
        Description = "Added to every written value (SET k1 v1-<id>) so that this run's values differ from every other run's; "
            + "letters, digits, '.', '_' and '-'.",
        HelpName = "id",
    };

    private readonly Option<double> resetTimeout = new("--reset-timeout", "--reset_timeout")
    {
        Description = "Seconds the circuit stays open before a trial call (half-open).",
        DefaultValueFactory = _ => ClientOptions.DefaultResetTimeoutSeconds,
    };

    private readonly PolicyCommandLine policy = new();

    private readonly Option<string[]> shadow = new("--shadow")
    {
        Description = "A policy that watches the same calls and reports when it would have opened and closed; its words are the policy "
            + "options without dashes, e.g. --shadow \"fail-max 5\", \"window 10 threshold 3\", \"failure-ratio 0.5 min-throughput 4 window 10\", "
            + "\"last 10 failures 4\". Repeatable.",
        HelpName = "policy",
        Arity = ArgumentArity.ZeroOrMore,
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

    private readonly Option<string> name = new("--name")
    {
        Description = "The breaker's name: in its metrics, and the circuit that clients with the same --shared-state share; "
            + "letters, digits, '.', '_' and '-'.",
        DefaultValueFactory = _ => ClientOptions.DefaultName,
    };

    private readonly Option<string?> sharedState = new("--shared-state")
    {
        Description = "Share the circuit with every client of the same --name through this redis-server (host:port): an "
            + "opening anywhere opens it everywhere. Redis is never waited on: without it each client goes on alone.",
        HelpName = "host:port",
    };

    public ClientCommandLine()
    {
        Root = new RootCommand(
            "Sends a deterministic mix of SET, GET and DEL requests to the key-value server through a circuit breaker, "
            + "printing each call, its reply and the circuit's state as it happens.")
        {
            host, port, numberOfRequests, duration, runId, resetTimeout, halfOpenMax, timeout, interval, trace, interactive, shadow,
            name, sharedState,
        };
        foreach (var option in policy.Options)
        {
            Root.Options.Add(option);
        }

        AddRange(port, 1, 65_535);
        AddRange(numberOfRequests, ClientOptions.UntilStopped, int.MaxValue);
        AddRange(halfOpenMax, 1, int.MaxValue);
        AddRange(timeout, 1, MaxTimeoutMilliseconds);
        AddRange(interval, 0, int.MaxValue);
        AddSecondsRange(resetTimeout);
        duration.Validators.Add(result =>
        {
            if (TryGetValue<double?>(result, out var value) && value is { } seconds && !(seconds > 0 && seconds <= MaxSeconds))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--duration must be more than 0 and at most {MaxSeconds} seconds, not {seconds}."));
            }
        });
        runId.Validators.Add(result =>
        {
            if (TryGetValue<string?>(result, out var value) && value is not null && !IsRunId(value))
            {
                result.AddError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--run-id must be 1 to {ClientOptions.MaxRunIdLength} letters, digits, '.', '_' or '-', not '{value}'."));
            }
        });
        name.Validators.Add(result =>
        {
            if (TryGetValue<string>(result, out var value) && !IsWord(value, ClientOptions.MaxNameLength))
            {
                result.AddError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--name must be 1 to {ClientOptions.MaxNameLength} letters, digits, '.', '_' or '-', not '{value}'."));
            }
        });
        sharedState.Validators.Add(result =>
        {
            if (TryGetValue<string?>(result, out var value) && value is not null && !IsHostAndPort(value))
            {
                result.AddError($"--shared-state must be host:port (a port from 1 to 65535), e.g. 127.0.0.1:6379, not '{value}'.");
            }
        });
        host.Validators.Add(result =>
        {
            if (TryGetValue<string>(result, out var value) && string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--host must not be empty.");
            }
        });
        shadow.Validators.Add(result =>
        {
            if (TryGetValue<string[]>(result, out var texts) && texts is not null)
            {
                foreach (var error in texts.SelectMany(text => PolicyCommandLine.ParseShadow(text).Errors))
                {
                    result.AddError(error);
                }

                if (texts.Length > CircuitBreaker.BreakerDefaults.MaxShadowPolicies)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"--shadow is given {texts.Length} times; at most {CircuitBreaker.BreakerDefaults.MaxShadowPolicies} are allowed."));
                }
            }
        });
        Root.Validators.Add(CheckConsistency);
        Root.Subcommands.Add(new ReportCommandLine().Command);
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
        // Set before parsing: a root with a subcommand (report) must have an action to be invoked by itself.
        Root.SetAction((result, ct) => run(ToOptions(result), ct));
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

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Turns an error-free parse result into options.</summary>
    public ClientOptions ToOptions(ParseResult result)
    {
        var choice = policy.ToChoice(result);
        var resetGiven = PolicyCommandLine.IsGiven(result.RootCommandResult, resetTimeout);
        TimeSpan? reset = choice.AgesOut && !resetGiven
            ? null
            : TimeSpan.FromSeconds(result.GetValue(resetTimeout));

        return new ClientOptions
        {
            Host = result.GetValue(host)!,
            Port = result.GetValue(port),
            NumberOfRequests = result.GetValue(numberOfRequests),
            Duration = result.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            RunId = result.GetValue(runId),
            Policy = choice,
            Shadows = [.. (result.GetValue(shadow) ?? []).Select(text => PolicyCommandLine.ParseShadow(text).Shadow!)],
            ResetTimeout = reset,
            HalfOpenMaxCalls = result.GetValue(halfOpenMax),
            Timeout = TimeSpan.FromMilliseconds(result.GetValue(timeout)),
            Interval = TimeSpan.FromMilliseconds(result.GetValue(interval)),
            TracePath = result.GetValue(trace),
            Interactive = result.GetValue(interactive),
            Name = result.GetValue(name)!,
            SharedState = result.GetValue(sharedState),
        };
    }

    /// <summary>
    /// Reads an option's value for a range check. Validators run even when the text did not convert ("three"
    /// for a number); that error is already reported, so the range check is skipped.
    /// </summary>
    internal static bool TryGetValue<T>(OptionResult result, out T value)
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

    internal static void AddRange(Option<int> option, int min, int max) =>
        option.Validators.Add(result => CheckRange(result, option.Name, TryGetValue<int>(result, out var value) ? value : null, min, max));

    internal static void AddRange(Option<int?> option, int min, int max) =>
        option.Validators.Add(result => CheckRange(result, option.Name, TryGetValue<int?>(result, out var value) ? value : null, min, max));

    private static bool IsRunId(string value) => IsWord(value, ClientOptions.MaxRunIdLength);

    private static bool IsWord(string value, int maxLength) =>
        value.Length > 0 && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsHostAndPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0
            && !string.IsNullOrWhiteSpace(value[..colon])
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65_535;
    }

    private static void CheckRange(OptionResult result, string name, int? value, int min, int max)
    {
        if (value is { } given && (given < min || given > max))
        {
            var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {range}, not {given}."));
        }
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
        policy.CheckConsistency(result, string.Empty);
        if (PolicyCommandLine.IsGiven(result, interactive) && PolicyCommandLine.IsGiven(result, numberOfRequests))
        {
            result.AddError("--number-requests does not apply to --interactive, which sends one request per line of input.");
        }

        foreach (var workloadOnly in new Option[] { duration, runId })
        {
            if (PolicyCommandLine.IsGiven(result, interactive) && PolicyCommandLine.IsGiven(result, workloadOnly))
            {
                result.AddError($"{workloadOnly.Name} does not apply to --interactive, which sends the typed commands until the end of input.");
            }
        }
    }
}
