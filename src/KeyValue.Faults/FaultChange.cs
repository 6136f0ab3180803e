namespace KeyValue.Faults;

/// <summary>
/// One change of what the injector does (or its state when an observer started watching), as
/// <see cref="FaultInjector.Changed"/> reports it: enough to write a record of it without asking the injector again.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Spec">
/// The spec that decides requests from now on: the one set, or <see cref="FaultSpec.Off"/> once a <c>NEXT</c> or
/// <c>FOR</c> spec has run its course (always so for <see cref="FaultChangeKind.SpecEnded"/>).
/// </param>
/// <param name="Mode">The mode from now on.</param>
/// <param name="Seed">The seed <c>CHANCE</c> uses under <paramref name="Spec"/>: the spec's own, or the injector's default.</param>
/// <param name="Time">
/// When it happened, by the injector's clock. For the end of a <c>FOR</c> spec, the exact instant its duration passed,
/// even when the change is reported a little later.
/// </param>
/// <param name="Source">Who made the change, as the caller of the setter named it (e.g. <c>console</c>); null when not named and for <see cref="FaultChangeKind.SpecEnded"/>.</param>
/// <param name="EndedSpec">For <see cref="FaultChangeKind.SpecEnded"/>: the <c>NEXT</c> or <c>FOR</c> spec that ended; null otherwise.</param>
public sealed record FaultChange(
    FaultChangeKind Kind,
    FaultSpec Spec,
    FaultMode Mode,
    long Seed,
    DateTimeOffset Time,
    string? Source,
    FaultSpec? EndedSpec = null);
