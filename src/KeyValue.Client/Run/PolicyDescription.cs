namespace KeyValue.Client.Run;

/// <summary>A policy that watches the run, named and described.</summary>
/// <param name="Name">In the words of <c>--shadow</c>, e.g. <c>fail-max 3</c>; for a shadow, as given.</param>
/// <param name="Text">As a person reads it, e.g. <c>opens after 3 consecutive failures</c>.</param>
internal sealed record PolicyDescription(string Name, string Text);
