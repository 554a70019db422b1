using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ReasonStream;
using ReasonStream.Extensions.AI;
using ReasonStream.Testing;

// A tool loop through the adapter, under Native AOT, over the replay server: the thinking model calls a tool, the
// reasoning goes back by the protocol's rule, and user types the application never registered do not crash anything.
var failures = new List<string>();
void Check(bool condition, string what)
{
    if (!condition) failures.Add(what);
}

foreach (var protocol in WireProtocols.All)
{
    var callTurn = new ScriptedReply(protocol).Reasoning("Need the weather.").Signature("sig-1").ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
    var answerTurn = new ScriptedReply(protocol).Reasoning("Report it.").Answer("Sunny in Paris.");
    await using var server = await ReplayServer.StartAsync(callTurn.ToResponse(), answerTurn.ToResponse());
    using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Protocol = protocol, Retry = RetryPolicy.None });
    var log = new CollectingLoggerProvider();
    using var loggers = LoggerFactory.Create(builder => builder.AddProvider(log));
    var adapter = new ReasoningChatClient(client, new ReasoningChatClientOptions { DefaultModel = "model-x", JsonSerializerOptions = AppJson.Default.Options }, loggers);
    using var chat = new ChatClientBuilder(adapter).UseFunctionInvocation().Build();
    var weather = AIFunctionFactory.Create(
        (string city) => new WeatherReport(city, 21),
        new AIFunctionFactoryOptions { Name = "get_weather", SerializerOptions = AppJson.Default.Options });
    var options = new ChatOptions
    {
        Tools = [weather],
        AdditionalProperties = new AdditionalPropertiesDictionary
        {
            ["known_setting"] = new KnownSetting("on"),        // in the application's context: sent
            ["unknown_setting"] = new UnknownSetting(42),      // in no context: left out and logged, never a crash
        },
    };

    var response = await chat.GetResponseAsync("Weather in Paris?", options);
    string name = WireProtocols.NameOf(protocol);
    Check(response.Text == "Sunny in Paris.", $"{name}: answer was '{response.Text}'");
    var second = server.Requests[1].Body;
    Check(second.Contains("known_setting", StringComparison.Ordinal), $"{name}: the known user type was not sent");
    Check(!second.Contains("unknown_setting", StringComparison.Ordinal), $"{name}: the unknown user type was sent");
    Check(second.Contains("21", StringComparison.Ordinal), $"{name}: the tool result did not go back");
    Check(log.Messages.Any(m => m.Contains("unknown_setting", StringComparison.Ordinal)), $"{name}: leaving the unknown setting out was not logged");
    Console.WriteLine($"{name}: {response.Text}");
}

foreach (var failure in failures) Console.Error.WriteLine("FAIL " + failure);
return failures.Count == 0 ? 0 : 1;

internal sealed record WeatherReport(string City, int Temperature);

internal sealed record KnownSetting(string Mode);

internal sealed record UnknownSetting(int Level);

[JsonSerializable(typeof(WeatherReport))]
[JsonSerializable(typeof(KnownSetting))]
[JsonSerializable(typeof(string))]
internal sealed partial class AppJson : JsonSerializerContext;

internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public List<string> Messages { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Messages) owner.Messages.Add(formatter(state, exception));
        }
    }
}
