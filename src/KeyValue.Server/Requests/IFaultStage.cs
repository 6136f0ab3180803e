namespace KeyValue.Server.Requests;

/// <summary>The stage that decides whether a data request fails, and how.</summary>
internal interface IFaultStage
{
    /// <summary>Numbers one data request and decides its fault. Called exactly once per data request, in the order they are handled.</summary>
    RequestFault Decide();
}
