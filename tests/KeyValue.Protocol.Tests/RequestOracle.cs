namespace KeyValue.Protocol.Tests;

/// <summary>
/// The request rules written the slow, obvious way over strings (Latin-1, one char per byte), to check the
/// real parser against. Lines are complete (their terminator already removed).
/// </summary>
internal static class RequestOracle
{
    private static readonly char[] Whitespace = [' ', '\t'];

    public static ParsedLine Parse(string line, int maxLineBytes)
    {
        if (line.Length > maxLineBytes)
        {
            return new(RequestParseStatus.LineTooLong, CommandKind.None, RequestProblem.LineTooLong, "", "");
        }

        string trimmed = line.TrimStart(Whitespace);
        if (trimmed.Length == 0)
        {
            return new(RequestParseStatus.BlankLine, CommandKind.None, RequestProblem.None, "", "");
        }

        int verbEnd = trimmed.IndexOfAny(Whitespace);
        string verb = verbEnd < 0 ? trimmed : trimmed[..verbEnd];
        string rest = verbEnd < 0 ? "" : trimmed[verbEnd..].TrimStart(Whitespace);
        CommandKind command = verb.ToUpperInvariant() switch
        {
            "PING" => CommandKind.Ping,
            "GET" => CommandKind.Get,
            "SET" => CommandKind.Set,
            "DEL" => CommandKind.Del,
            "QUIT" => CommandKind.Quit,
            "HELP" => CommandKind.Help,
            _ => CommandKind.None,
        };

        // ToUpperInvariant maps some Latin-1 letters (e.g. 'ÿ') outside ASCII; the protocol compares ASCII only.
        if (command == CommandKind.None || verb.Any(c => c > 127))
        {
            return Error(CommandKind.None, RequestProblem.UnknownCommand);
        }

        switch (command)
        {
            case CommandKind.Ping or CommandKind.Quit or CommandKind.Help:
                return rest.Length == 0
                    ? new(RequestParseStatus.Request, command, RequestProblem.None, "", "")
                    : Error(command, RequestProblem.WrongArgumentCount);

            case CommandKind.Get or CommandKind.Del:
            {
                string[] arguments = rest.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
                return arguments.Length != 1
                    ? Error(command, RequestProblem.WrongArgumentCount)
                    : WithKey(command, arguments[0], "");
            }

            default:
            {
                int keyEnd = rest.IndexOfAny(Whitespace);
                string key = keyEnd < 0 ? rest : rest[..keyEnd];
                string value = keyEnd < 0 ? "" : rest[keyEnd..].TrimStart(Whitespace);
                if (key.Length == 0)
                {
                    return Error(command, RequestProblem.WrongArgumentCount);
                }

                return value.Length == 0 ? Error(command, RequestProblem.EmptyValue) : WithKey(command, key, value);
            }
        }
    }

    private static ParsedLine WithKey(CommandKind command, string key, string value)
    {
        if (key.Length > ProtocolLimits.MaxKeyBytes)
        {
            return Error(command, RequestProblem.KeyTooLong);
        }

        return key.Contains('\r', StringComparison.Ordinal)
            ? Error(command, RequestProblem.KeyHasCarriageReturn)
            : new(RequestParseStatus.Request, command, RequestProblem.None, key, value);
    }

    private static ParsedLine Error(CommandKind command, RequestProblem problem) =>
        new(RequestParseStatus.Error, command, problem, "", "");
}
