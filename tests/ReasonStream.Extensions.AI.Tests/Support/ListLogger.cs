using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>Keeps every log event, formatted, with its level and id.</summary>
public sealed class ListLogger : ILogger, ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message, Exception? Exception)> Events { get; } = new();

    public string AllText => string.Join("\n", Events.Select(e => e.Message + " " + e.Exception?.Message));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Events.Enqueue((logLevel, eventId.Id, formatter(state, exception), exception));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
