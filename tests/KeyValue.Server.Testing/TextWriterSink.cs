using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace KeyValue.Server.Testing;

/// <summary>Writes log events to any <see cref="TextWriter"/>: how a server inside a test process shows its log.</summary>
public sealed class TextWriterSink : ILogEventSink
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
