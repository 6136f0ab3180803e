namespace KeyValue.Protocol.Tests;

/// <summary>A parse result copied out of the buffer, so results of different feeds can be compared.</summary>
internal readonly record struct ParsedLine(RequestParseStatus Status, CommandKind Command, RequestProblem Problem, string Key, string Value)
{
    public static ParsedLine From(RequestParseStatus status, in ParsedRequest request) =>
        new(status, request.Command, request.Problem, TestSequence.Text(request.Key), TestSequence.Text(request.Value));
}
