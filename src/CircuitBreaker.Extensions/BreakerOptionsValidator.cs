using Microsoft.Extensions.Options;

namespace CircuitBreaker.Extensions;

/// <summary>Validates one registered breaker's options: the configuration binding's problems and the core's
/// <see cref="BreakerOptions.Validate"/>, every problem at once, each prefixed with the breaker's name.</summary>
internal sealed class BreakerOptionsValidator(BreakerRegistration registration) : IValidateOptions<BreakerOptions>
{
    // The core reports each problem on its own line, after a heading, as "- problem".
    private const string ProblemPrefix = "- ";

    public ValidateOptionsResult Validate(string? name, BreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name, registration.Name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>(registration.ConfigurationProblems);
        try
        {
            options.Validate();
        }
        catch (ArgumentException invalid)
        {
            var lines = invalid.Message.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
            var listed = lines.Where(l => l.StartsWith(ProblemPrefix, StringComparison.Ordinal)).Select(l => l[ProblemPrefix.Length..]).ToList();
            problems.AddRange(listed.Count > 0 ? listed : [invalid.Message]);
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"Circuit breaker '{registration.Name}': {p}"));
    }
}
