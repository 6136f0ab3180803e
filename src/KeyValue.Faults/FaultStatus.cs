using System.Globalization;

namespace KeyValue.Faults;

/// <summary>A snapshot of the injector, for the console's STATUS and for logs.</summary>
/// <param name="Spec">The spec as last set.</param>
/// <param name="Mode">The mode.</param>
/// <param name="Seed">The seed CHANCE uses: the spec's own, or the injector's default.</param>
/// <param name="SpecFinished">A NEXT or FOR spec that has run its course: nothing fails any more (as if OFF).</param>
/// <param name="RequestsUnderSpec">Data requests numbered since the spec was set.</param>
/// <param name="DataRequests">Data requests since the injector was created.</param>
/// <param name="Failed">Failed data requests since the injector was created.</param>
public readonly record struct FaultStatus(
    FaultSpec Spec,
    FaultMode Mode,
    long Seed,
    bool SpecFinished,
    long RequestsUnderSpec,
    long DataRequests,
    long Failed)
{
    /// <summary>E.g. <c>spec EVERY 3RD OF 5 (request 12 under this spec), mode ERROR, data requests 40, failed 9</c>.</summary>
    public override string ToString()
    {
        string spec = Spec.ToString();
        if (Spec.Kind == FaultSpecKind.Chance && Spec.Seed is null)
        {
            spec += " (default SEED " + Seed.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (SpecFinished)
        {
            spec += " (finished: now OFF)";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"spec {spec} ({RequestsUnderSpec} data requests under this spec), mode {Mode}, data requests {DataRequests}, failed {Failed}");
    }
}
