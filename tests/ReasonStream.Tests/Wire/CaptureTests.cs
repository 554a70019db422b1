using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Every real stream recorded from a provider parses, without error, into reasoning and/or answer.</summary>
public sealed class CaptureTests
{
    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Captures.Names("*.sse", "*.chunks.jsonl")) data.Add(name);
        return data;
    }

    [CapturesFact]
    public void The_captures_folder_holds_streams()
    {
        Assert.True(AllCaptures().Count >= 10, "Expected the recorded provider streams at " + Captures.Folder);
    }

    [CapturesTheory]
    [MemberData(nameof(AllCaptures))]
    public async Task Capture_parses_into_reasoning_or_answer(string name)
    {
        using var client = InMemoryHandler.Client(Captures.Body(name));
        var result = new ChatAccumulator();
        Exception? error = null;
        try
        {
            await foreach (var update in client.StreamAsync(Updates.Ask())) result.Add(update);
        }
        catch (ProviderStreamException ex) when (name.Contains("midstream-error", StringComparison.Ordinal))
        {
            error = ex; // These captures record an error after HTTP 200: it must surface as a typed error.
        }
        catch (StreamInterruptedException ex) when (name.Contains("PARTIAL", StringComparison.Ordinal))
        {
            error = ex; // Only the head of these streams survived: they end without a finish.
        }

        var final = result.ToResult();
        Assert.True(final.Reasoning.Length + final.Answer.Length + final.ToolCalls.Count > 0, $"{name}: no reasoning, answer or tool call");
        if (error is null) Assert.True(final.IsComplete, $"{name}: did not finish");
    }
}
