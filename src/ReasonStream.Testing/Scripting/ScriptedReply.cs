using System.Text;

namespace ReasonStream.Testing;

/// <summary>
/// A model's reply — reasoning, answer, tool calls, usage, finish — written out as the stream one protocol's
/// provider sends: DeepSeek-style chat chunks, Responses API events, Anthropic Messages events, Gemini chunks or
/// Ollama lines. One builder for tests, benchmarks and demos, instead of a hand-written stream per use.
/// </summary>
/// <example>
/// <code>
/// var reply = new ScriptedReply(WireProtocol.AnthropicMessages, "claude-sonnet-4-5")
///     .Reasoning("The user wants ", "the weather.")
///     .ToolCall("toolu_1", "get_weather", "{\"city\":", "\"Paris\"}")
///     .Usage(prompt: 40, completion: 25)
///     .Finish(FinishReasons.ToolCalls);
/// await using var server = await ReplayServer.StartAsync(reply.ToResponse());
/// </code>
/// </example>
public sealed class ScriptedReply
{
    private readonly List<ScriptedStep> _steps = [];

    /// <summary>A reply in <paramref name="protocol"/>'s wire format.</summary>
    /// <param name="protocol">The protocol to write.</param>
    /// <param name="model">The model the stream names.</param>
    public ScriptedReply(WireProtocol protocol, string model = "scripted-model")
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        Protocol = protocol;
        Model = model;
    }

    /// <summary>The protocol the reply is written in.</summary>
    public WireProtocol Protocol { get; }

    /// <summary>The model the stream names.</summary>
    public string Model { get; }

    /// <summary>The response id the stream names. Default <c>scripted-1</c>.</summary>
    public string ResponseId { get; init; } = "scripted-1";

    /// <summary>Chat completions only: the field reasoning is sent in. Default <c>reasoning_content</c> (DeepSeek); <c>reasoning</c> for OpenRouter, vLLM, Groq.</summary>
    public string ChatReasoningField { get; init; } = "reasoning_content";

    /// <summary>The steps so far, in order.</summary>
    public IReadOnlyList<ScriptedStep> Steps => _steps;

    /// <summary>Reasoning, one event per piece.</summary>
    /// <param name="pieces">The pieces, as the model streams them.</param>
    public ScriptedReply Reasoning(params string[] pieces) => Add(ScriptedPart.Reasoning, pieces);

    /// <summary>Closes the reasoning so far with a signature (Anthropic, Gemini) or encrypted content (Responses); a block without one gets a made-up one.</summary>
    /// <param name="signature">The opaque value to pass back.</param>
    public ScriptedReply Signature(string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        _steps.Add(new ScriptedStep(ScriptedPart.Signature, signature));
        return this;
    }

    /// <summary>Answer text, one event per piece.</summary>
    /// <param name="pieces">The pieces, as the model streams them.</param>
    public ScriptedReply Answer(params string[] pieces) => Add(ScriptedPart.Answer, pieces);

    /// <summary>A tool call, its arguments in the given pieces (protocols that send arguments whole join them).</summary>
    /// <param name="id">The call's id.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="argumentPieces">The arguments JSON, in pieces.</param>
    public ScriptedReply ToolCall(string id, string name, params string[] argumentPieces)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _steps.Add(new ScriptedStep(ScriptedPart.ToolCall, string.Concat(argumentPieces)) { ToolCallId = id, ToolName = name, Pieces = [.. argumentPieces] });
        return this;
    }

    /// <summary>The usage the stream reports at its end.</summary>
    /// <param name="prompt">Prompt tokens.</param>
    /// <param name="completion">Generated tokens, reasoning included.</param>
    /// <param name="reasoning">Of those, reasoning tokens.</param>
    /// <param name="cached">Prompt tokens served from cache.</param>
    public ScriptedReply Usage(int prompt, int completion, int? reasoning = null, int? cached = null)
    {
        UsageCounts = new ScriptedUsage { Prompt = prompt, Completion = completion, Reasoning = reasoning, Cached = cached };
        return this;
    }

    /// <summary>How the reply ends: <see cref="FinishReasons.Stop"/> (the default), <see cref="FinishReasons.Length"/> or <see cref="FinishReasons.ToolCalls"/>.</summary>
    /// <param name="reason">A chat-completions finish reason; each protocol spells it its own way.</param>
    public ScriptedReply Finish(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        FinishReason = reason;
        return this;
    }

    /// <summary>The finish reason. Default <see cref="FinishReasons.Stop"/>, or <see cref="FinishReasons.ToolCalls"/> when the reply calls tools.</summary>
    public string FinishReason
    {
        get => field ?? (_steps.Any(s => s.Part == ScriptedPart.ToolCall) ? FinishReasons.ToolCalls : FinishReasons.Stop);
        private set;
    }

    /// <summary>The usage reported, if any.</summary>
    public ScriptedUsage? UsageCounts { get; private set; }

    /// <summary>The stream's events in order, each with the step it came from and its bytes.</summary>
    public IReadOnlyList<ScriptedEvent> Events() => Protocol switch
    {
        WireProtocol.ChatCompletions => ChatCompletionsScript.Write(this),
        WireProtocol.Responses => ResponsesScript.Write(this),
        WireProtocol.AnthropicMessages => AnthropicScript.Write(this),
        WireProtocol.GeminiGenerateContent => GeminiScript.Write(this),
        WireProtocol.OllamaChat => OllamaScript.Write(this),
        _ => throw new ArgumentOutOfRangeException(nameof(Protocol), Protocol, "Unknown protocol."),
    };

    /// <summary>The whole body.</summary>
    public byte[] ToBytes()
    {
        using var body = new MemoryStream();
        foreach (var e in Events()) body.Write(e.Bytes.Span);
        return body.ToArray();
    }

    /// <summary>The body as a replay response with the protocol's content type; paced when <paramref name="delayBefore"/> gives each event a delay.</summary>
    /// <param name="delayBefore">The pause before each event (null: full speed).</param>
    public ReplayResponse ToResponse(Func<ScriptedEvent, TimeSpan>? delayBefore = null)
    {
        var events = Events();
        var body = new MemoryStream();
        var marks = new List<TimingMark>();
        var at = TimeSpan.Zero;
        foreach (var e in events)
        {
            body.Write(e.Bytes.Span);
            if (delayBefore is null) continue;
            at += delayBefore(e);
            marks.Add(new TimingMark(body.Length, at));
        }

        var response = ReplayResponse.FromBytes(body.ToArray()) with
        {
            ContentType = Protocol == WireProtocol.OllamaChat ? "application/x-ndjson" : ReplayResponse.EventStreamContentType,
        };
        return delayBefore is null ? response : response with { Pacing = ReplayPacing.Recorded(new StreamTiming(marks)) };
    }

    private ScriptedReply Add(ScriptedPart part, string[] pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        foreach (string piece in pieces)
        {
            ArgumentNullException.ThrowIfNull(piece);
            _steps.Add(new ScriptedStep(part, piece));
        }

        return this;
    }

    internal static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>What a step of a <see cref="ScriptedReply"/> is.</summary>
public enum ScriptedPart
{
    /// <summary>The stream's opening events (role, created, message start).</summary>
    Opening,

    /// <summary>A piece of reasoning.</summary>
    Reasoning,

    /// <summary>A reasoning block's signature or encrypted content.</summary>
    Signature,

    /// <summary>A piece of the answer.</summary>
    Answer,

    /// <summary>A tool call (or a piece of its arguments).</summary>
    ToolCall,

    /// <summary>The stream's closing events (finish, usage, end marker).</summary>
    Closing,
}

/// <summary>One step of a <see cref="ScriptedReply"/>, as the builder recorded it (read it through <see cref="ScriptedReply.Steps"/>).</summary>
public sealed class ScriptedStep
{
    internal ScriptedStep(ScriptedPart part, string text)
    {
        Part = part;
        Text = text;
    }

    /// <summary>What it is.</summary>
    public ScriptedPart Part { get; }

    /// <summary>Its text (for a tool call, the whole arguments).</summary>
    public string Text { get; }

    /// <summary>A tool call's id.</summary>
    public string? ToolCallId { get; internal init; }

    /// <summary>A tool call's function name.</summary>
    public string? ToolName { get; internal init; }

    /// <summary>A tool call's argument pieces.</summary>
    public IReadOnlyList<string> Pieces { get; internal init; } = [];

    /// <inheritdoc />
    public override string ToString() => ToolName is null ? $"{Part}: {Text}" : $"{Part}: {ToolName}({Text})";
}

/// <summary>Token counts a <see cref="ScriptedReply"/> reports (<see cref="ScriptedReply.UsageCounts"/>).</summary>
public sealed class ScriptedUsage
{
    internal ScriptedUsage()
    {
    }

    /// <summary>Prompt tokens.</summary>
    public int Prompt { get; internal init; }

    /// <summary>Generated tokens, reasoning included.</summary>
    public int Completion { get; internal init; }

    /// <summary>Of those, reasoning tokens.</summary>
    public int? Reasoning { get; internal init; }

    /// <summary>Prompt tokens served from cache.</summary>
    public int? Cached { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"prompt {Prompt} (cached {Cached}), completion {Completion} (reasoning {Reasoning})";
}

/// <summary>One event of a scripted stream (<see cref="ScriptedReply.Events"/>).</summary>
public sealed class ScriptedEvent
{
    internal ScriptedEvent(ScriptedPart part, string text, ReadOnlyMemory<byte> bytes)
    {
        Part = part;
        Text = text;
        Bytes = bytes;
    }

    /// <summary>What it carries.</summary>
    public ScriptedPart Part { get; }

    /// <summary>The text piece it carries ("" for structural events).</summary>
    public string Text { get; }

    /// <summary>Its bytes, framing included.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes.Span);
}
