using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Every real stream recorded from a provider parses, with its protocol, without error, into reasoning and/or answer.</summary>
public sealed class CaptureTests
{
    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Captures.Names("*.sse", "*.chunks.jsonl", "*.ndjson")) data.Add(name);
        return data;
    }

    [CapturesFact]
    public void The_captures_folder_holds_streams()
    {
        Assert.True(AllCaptures().Count >= 10, "Expected the recorded provider streams at " + Captures.Folder);
    }

    [CapturesTheory]
    [MemberData(nameof(AllCaptures))]
    public void The_replay_detector_names_the_protocol_each_capture_speaks(string name) =>
        Assert.Equal(Captures.ProtocolOf(name), ReasonStream.Testing.RecordedProtocol.Detect(Captures.Body(name)));

    [CapturesTheory]
    [MemberData(nameof(AllCaptures))]
    public async Task Capture_parses_into_reasoning_or_answer(string name)
    {
        using var client = Captures.Client(name);
        var result = new ChatAccumulator();
        Exception? error = null;
        try
        {
            await foreach (var update in client.StreamAsync(Updates.Ask())) result.Add(update);
        }
        catch (ProviderStreamException ex) when (name.Contains("midstream-error", StringComparison.Ordinal) || name.Contains("ndjson-midstream", StringComparison.Ordinal))
        {
            error = ex; // These captures record an error after HTTP 200: it must surface as a typed error.
        }
        catch (StreamInterruptedException ex) when (name.Contains("PARTIAL", StringComparison.Ordinal))
        {
            error = ex; // Only the head of these streams survived: they end without a finish.
        }

        var final = result.ToResult();
        // A reply whose reasoning stayed encrypted (it ate the whole budget) still carries the reasoning block to pass back.
        Assert.True(final.Reasoning.Length + final.Answer.Length + final.ToolCalls.Count + final.ReasoningBlocks.Count > 0, $"{name}: no reasoning, answer, tool call or reasoning block");
        if (error is null) Assert.True(final.IsComplete, $"{name}: did not finish");
    }
}
