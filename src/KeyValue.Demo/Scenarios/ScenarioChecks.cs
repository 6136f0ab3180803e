using System.Globalization;
using KeyValue.Demo.Output;

namespace KeyValue.Demo.Scenarios;

/// <summary>A scenario's verdicts: each check printed as it is made, each failure kept for the end of the demo.</summary>
internal sealed class ScenarioChecks(DemoConsole console, string scenario)
{
    private readonly List<string> failures = [];

    public IReadOnlyList<string> Failures => failures;

    /// <summary>Prints <c>check &lt;scenario&gt;: &lt;what&gt; = &lt;actual&gt;</c>, or records a failure when it is not <paramref name="expected"/>.</summary>
    public void Expect<T>(string what, T actual, T expected)
    {
        if (EqualityComparer<T>.Default.Equals(actual, expected))
        {
            console.Say($"check {scenario}: {what} = {Show(actual)}");
        }
        else
        {
            Fail($"{what} is '{Show(actual)}', expected '{Show(expected)}'");
        }
    }

    public void Fail(string problem)
    {
        var text = $"{scenario}: {problem}";
        failures.Add(text);
        console.Failed(text);
    }

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        string { Length: 0 } => "none",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "none",
    };
}
