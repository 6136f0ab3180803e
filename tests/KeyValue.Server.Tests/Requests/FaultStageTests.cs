using KeyValue.Faults;
using KeyValue.Server.Requests;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Requests;

/// <summary>The fault stage alone, over a real injector on a fake clock.</summary>
public class FaultStageTests
{
    [Theory]
    [InlineData("ERROR", "Error")]
    [InlineData("ERROR RETRY-AFTER 3s", "Error")]
    [InlineData("DELAY 250ms", "Delay")]
    [InlineData("DROP", "Drop")]
    [InlineData("HANG", "Hang")]
    public void Decide_SpecOn_EachModeHasItsEffect(string mode, string effect)
    {
        var (stage, faults) = Create();
        faults.SetSpec(FaultSpec.On);
        faults.SetMode(FaultMode.Parse(mode));

        RequestFault fault = stage.Decide();

        Assert.Equal(effect, fault.Effect.ToString());
        Assert.Equal(1, fault.Decision.RequestNumber);
        Assert.Equal(mode, fault.Decision.ModeInForce?.ToString());
    }

    [Fact]
    public void Decide_SpecOff_NoEffect_StillNumbered()
    {
        var (stage, _) = Create();

        Assert.Equal(FaultEffect.None, stage.Decide().Effect);
        Assert.Equal(2, stage.Decide().Decision.RequestNumber);
    }

    [Fact]
    public void Decide_Delay_CarriesTheDelay_ErrorRetryAfter_CarriesItsFormattedReply_PlainError_None()
    {
        var (stage, faults) = Create();
        faults.SetSpec(FaultSpec.On);

        faults.SetMode(FaultMode.Parse("DELAY 250ms"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), stage.Decide().Delay);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied", stage.Decide().ErrorReply?.ToString());
        faults.SetMode(FaultMode.Error);
        Assert.Null(stage.Decide().ErrorReply);
    }

    [Fact]
    public void Decide_SpecAndModeChangedAfterTheDecision_TheDecisionStillNamesTheOnesThatMadeIt()
    {
        var (stage, faults) = Create();
        faults.SetSpec(FaultSpec.Parse("EVERY 1ST OF 2"));
        faults.SetMode(FaultMode.Parse("DELAY 5s"));

        RequestFault fault = stage.Decide();
        faults.SetSpec(FaultSpec.Off);
        faults.SetMode(FaultMode.Drop);

        Assert.Equal(FaultEffect.Delay, fault.Effect);
        Assert.Equal("EVERY 1ST OF 2", fault.Decision.SpecInForce?.ToString());
        Assert.Equal("DELAY 5s", fault.Decision.ModeInForce?.ToString());
    }

    private static (FaultStage Stage, FaultInjector Faults) Create()
    {
        var faults = new FaultInjector(new FakeTimeProvider(), defaultSeed: 1);
        return (new FaultStage(faults), faults);
    }
}
