using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>
/// The replies of the weather conversation, built with <see cref="ScriptedReply"/>; OpenRouter's turns stay recorded files,
/// as they are about its wire shape (<c>reasoning_details</c> with a signature to pass back, usage on a chunk of its own).
/// </summary>
public static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static ReplayResponse Sse(string name) => ReplayResponse.FromSseFile(PathOf(name));

    /// <summary>Turn 1: DeepSeek thinks, then calls <c>get_weather</c> for Paris, its arguments in three pieces.</summary>
    public static ReplayResponse DeepSeekWeatherToolCall() => DeepSeek("0b6f1c2e-0001")
        .Reasoning("The user asks", " for the weather in Paris.", " I will call get_weather.")
        .ToolCall("call_00_paris", "get_weather", "{\"city\"", ":\"Paris", "\"}")
        .Usage(prompt: 120, completion: 40, reasoning: 18, cached: 64)
        .ToResponse();

    /// <summary>Turn 1, after the tool result: the answer.</summary>
    public static ReplayResponse DeepSeekWeatherAnswer() => DeepSeek("0b6f1c2e-0002")
        .Reasoning("The tool says sunny, 21 degrees.", " Report it.")
        .Answer("It is sunny in Paris, ", "21 °C.")
        .Usage(prompt: 170, completion: 30, reasoning: 12, cached: 128)
        .ToResponse();

    /// <summary>Turn 2: a reply to thanks.</summary>
    public static ReplayResponse DeepSeekThanks() => DeepSeek("0b6f1c2e-0003")
        .Reasoning("A thank-you; reply politely.")
        .Answer("You're welcome!")
        .Usage(prompt: 200, completion: 12, reasoning: 8, cached: 128)
        .ToResponse();

    /// <summary>Turn 3: goodbye.</summary>
    public static ReplayResponse DeepSeekBye() => DeepSeek("0b6f1c2e-0004")
        .Reasoning("A farewell.")
        .Answer("Goodbye!")
        .Usage(prompt: 215, completion: 9, reasoning: 4, cached: 192)
        .ToResponse();

    public static ReasoningClient ClientFor(ReplayServer server, ProviderPreset preset) =>
        new(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = preset, ApiKey = "sk-e2e-secret", Retry = RetryPolicy.None });

    private static ScriptedReply DeepSeek(string id) => new(WireProtocol.ChatCompletions, "deepseek-flash") { ResponseId = id };
}
