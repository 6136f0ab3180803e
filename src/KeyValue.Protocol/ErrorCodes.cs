namespace KeyValue.Protocol;

/// <summary>The wire names of the error codes.</summary>
public static class ErrorCodes
{
    /// <summary>Wire name of <see cref="ErrorCode.UnknownCommand"/>.</summary>
    public const string UnknownCommand = "UNKNOWN_COMMAND";

    /// <summary>Wire name of <see cref="ErrorCode.BadArguments"/>.</summary>
    public const string BadArguments = "BAD_ARGUMENTS";

    /// <summary>Wire name of <see cref="ErrorCode.LineTooLong"/>.</summary>
    public const string LineTooLong = "LINE_TOO_LONG";

    /// <summary>Wire name of <see cref="ErrorCode.Unavailable"/>.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>Wire name of <see cref="ErrorCode.Busy"/>.</summary>
    public const string Busy = "BUSY";

    /// <summary>The wire name of <paramref name="code"/>, e.g. <c>UNKNOWN_COMMAND</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is <see cref="ErrorCode.None"/> or undefined.</exception>
    public static string GetName(ErrorCode code) => code switch
    {
        ErrorCode.UnknownCommand => UnknownCommand,
        ErrorCode.BadArguments => BadArguments,
        ErrorCode.LineTooLong => LineTooLong,
        ErrorCode.Unavailable => Unavailable,
        ErrorCode.Busy => Busy,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an error code."),
    };

    /// <summary>Recognises a wire name (exact, upper case) and returns its code.</summary>
    public static bool TryParse(ReadOnlySpan<byte> name, out ErrorCode code)
    {
        code = name switch
        {
            _ when name.SequenceEqual("UNKNOWN_COMMAND"u8) => ErrorCode.UnknownCommand,
            _ when name.SequenceEqual("BAD_ARGUMENTS"u8) => ErrorCode.BadArguments,
            _ when name.SequenceEqual("LINE_TOO_LONG"u8) => ErrorCode.LineTooLong,
            _ when name.SequenceEqual("UNAVAILABLE"u8) => ErrorCode.Unavailable,
            _ when name.SequenceEqual("BUSY"u8) => ErrorCode.Busy,
            _ => ErrorCode.None,
        };
        return code != ErrorCode.None;
    }
}
