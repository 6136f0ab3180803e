using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace KeyValue.Server.Logging;

/// <summary>Writes log events to any <see cref="TextWriter"/>: how an in-process server (in tests) shows its log.</summary>
internal sealed class TextWriterSink : ILogEventSink
{
    private readonly TextWriter _writer;
    private readonly ITextFormatter _formatter;
    private readonly Lock _lock = new();

    public TextWriterSink(TextWriter writer, ITextFormatter formatter)
    {
        _writer = writer;
        _formatter = formatter;
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _formatter.Format(logEvent, _writer);
            _writer.Flush();
        }
    }
}
