using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Errors that arrive after HTTP 200, in each provider's shape, are errors — not empty chunks to skip.</summary>
public sealed class InStreamErrorTests
{
    [Fact]
    public async Task OpenRouter_error_key_inside_a_chunk()
    {
        string body = Sse.Events(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"We need\"},\"finish_reason\":null}]}",
            "{\"id\":\"gen-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}],\"error\":{\"code\":400,\"message\":\"Token limit reached\"}}") + Sse.Done;
        var error = await Assert.ThrowsAsync<ProviderStreamException>(() => EveryWay.ResultAsync(body));
        Assert.Equal("Token limit reached", error.ProviderMessage);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("We need", error.PartialResult?.Reasoning);
    }

    [Fact]
    public async Task Groq_named_error_event_without_done()
    {
        string body = Sse.Events("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"Calling tool\"},\"finish_reason\":null}]}") +
            "event: error\ndata: {\"error\":{\"message\":\"Tool call validation failed\",\"type\":\"invalid_request_error\",\"code\":\"tool_use_failed\",\"status_code\":400}}\n\n";
        var error = await Assert.ThrowsAsync<ProviderStreamException>(() => EveryWay.ResultAsync(body));
        Assert.Equal("tool_use_failed", error.ProviderCode);
        Assert.Contains("Tool call validation failed", error.Message, StringComparison.Ordinal);
        Assert.Equal("Calling tool", error.PartialResult?.Reasoning);
    }

    [Fact]
    public async Task Bare_error_object_in_the_stream()
    {
        string body = Sse.Unfinished(Sse.DeepSeek().Answer("Yes")) + Sse.Events("{\"error\":\"an error was encountered while running the model\"}") + Sse.Done;
        var error = await Assert.ThrowsAsync<ProviderStreamException>(() => EveryWay.ResultAsync(body));
        Assert.Equal("an error was encountered while running the model", error.ProviderMessage);
        Assert.Equal("Yes", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task Null_error_key_is_not_an_error()
    {
        string body = Sse.Events("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}],\"error\":null}") + Sse.Done;
        Assert.Equal("fine", (await EveryWay.ResultAsync(body)).Answer);
    }
}
