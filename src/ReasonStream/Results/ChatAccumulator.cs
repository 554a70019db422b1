using System.Diagnostics;
using System.Text;

namespace ReasonStream;

/// <summary>
/// Folds <see cref="StreamUpdate"/>s into a <see cref="ChatResult"/> as they arrive, recording when each
/// phase began. Not thread-safe: feed it from the loop that reads the stream.
/// </summary>
/// <example>
/// <code>
/// var acc = new ChatAccumulator();
/// await foreach (var update in client.StreamAsync(request)) acc.Add(update);
/// ChatResult result = acc.ToResult();
/// </code>
/// </example>
public sealed class ChatAccumulator
{
    private readonly long _start;
    private readonly StringBuilder _reasoning = new();
    private readonly StringBuilder _answer = new();
    private readonly SortedDictionary<int, ToolCallBuilder> _toolCalls = [];
    private readonly ReasoningDetailsMerger _details = new();
    private List<ReasoningBlock>? _blocks;
    private int _blockStart;
    private TokenUsage? _usage;
    private string? _finishReason;
    private string? _responseId;
    private string? _model;
    private string? _provider;
    private string? _origin;
    private long? _firstByte;
    private long? _firstReasoning;
    private long? _firstAnswer;
    private long? _finished;
    private TimeSpan? _reasoningDuration;

    /// <summary>Starts the clock now.</summary>
    public ChatAccumulator()
        : this(Stopwatch.GetTimestamp())
    {
    }

    /// <summary>Starts the clock at a <see cref="Stopwatch.GetTimestamp"/> taken earlier (e.g. when the request was sent).</summary>
    /// <param name="startTimestamp">The start, from <see cref="Stopwatch.GetTimestamp"/>.</param>
    public ChatAccumulator(long startTimestamp)
    {
        _start = startTimestamp;
    }

    /// <summary>The reasoning blocks closed so far (signatures, encrypted reasoning), in order.</summary>
    public IReadOnlyList<ReasoningBlock> ReasoningBlocks => (IReadOnlyList<ReasoningBlock>?)_blocks ?? [];

    /// <summary>Takes one update into account.</summary>
    /// <param name="update">The update, in stream order.</param>
    public void Add(StreamUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        // The clock is read only for the first update of each kind and at the end: not once per delta.
        switch (update)
        {
            case ReasoningDelta r:
                _firstReasoning ??= Stopwatch.GetTimestamp();
                _reasoning.Append(r.Text);
                break;
            case AnswerDelta a:
                _firstAnswer ??= Stopwatch.GetTimestamp();
                _answer.Append(a.Text);
                break;
            case ToolCallDelta t:
                _firstAnswer ??= Stopwatch.GetTimestamp();
                if (!_toolCalls.TryGetValue(t.Index, out var call))
                {
                    call = new ToolCallBuilder();
                    _toolCalls.Add(t.Index, call);
                }

                call.Add(t);
                break;
            case ReasoningDetailsDelta d:
                _details.Add(d.Json);
                break;
            case ReasoningEnded ended:
                _reasoningDuration ??= ended.Duration;
                break;
            case ReasoningBlockEnd end:
                // The block's text is what streamed since the previous block ended.
                (_blocks ??= []).Add(new ReasoningBlock
                {
                    Text = _reasoning.ToString(_blockStart, _reasoning.Length - _blockStart),
                    Protocol = end.Protocol,
                    Origin = _origin,
                    Signature = end.Signature,
                    EncryptedContent = end.EncryptedContent,
                    IsRedacted = end.IsRedacted,
                    ItemJson = end.ItemJson,
                    PrecedingAnswerLength = _answer.Length,
                    PrecedingToolCalls = _toolCalls.Count,
                });
                _blockStart = _reasoning.Length;
                break;
            case UsageUpdate u:
                _usage = _usage is null ? u.Usage : _usage.MergeWith(u.Usage);
                break;
            case StreamFinished f:
                _finishReason = f.FinishReason;
                _finished = Stopwatch.GetTimestamp();
                break;
            case ResponseStarted started:
                _firstByte ??= Stopwatch.GetTimestamp();
                _origin ??= started.Origin;
                break;
            case StreamMetadata m:
                _responseId ??= m.ResponseId;
                _model ??= m.Model;
                _provider ??= m.Provider;
                break;
        }
    }

    /// <summary>The result so far (a snapshot; accumulation may go on).</summary>
    public ChatResult ToResult()
    {
        var toolCalls = new List<ToolCall>(_toolCalls.Count);
        foreach (var builder in _toolCalls.Values)
        {
            toolCalls.Add(builder.Build(_origin));
        }

        long end = _finished ?? Stopwatch.GetTimestamp();
        long? reasoningEnd = _firstReasoning is null ? null : _firstAnswer ?? end;
        return new ChatResult
        {
            Reasoning = _reasoning.ToString(),
            Answer = _answer.ToString(),
            ToolCalls = toolCalls,
            ReasoningDetails = _details.ToJson(),
            ReasoningBlocks = _blocks is null ? [] : [.. _blocks],
            Usage = _usage is { TotalTokens: null, PromptTokens: { } prompt, CompletionTokens: { } completion } partialUsage
                ? partialUsage with { TotalTokens = prompt + completion }
                : _usage,
            FinishReason = _finishReason,
            ResponseId = _responseId,
            Model = _model,
            Provider = _provider,
            Timings = new StreamTimings
            {
                TimeToFirstByte = Since(_firstByte),
                TimeToFirstReasoning = Since(_firstReasoning),
                TimeToFirstAnswer = Since(_firstAnswer),
                // The client's own measure when it streamed one (ReasoningEnded): one clock for every consumer.
                ReasoningDuration = _reasoningDuration ?? (_firstReasoning is { } fr && reasoningEnd is { } re && re >= fr ? Stopwatch.GetElapsedTime(fr, re) : null),
                Total = Stopwatch.GetElapsedTime(_start, end),
            },
        };
    }

    private TimeSpan? Since(long? timestamp) => timestamp is { } t ? Stopwatch.GetElapsedTime(_start, t) : null;

    private sealed class ToolCallBuilder
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _name;
        private string? _signature;

        public void Add(ToolCallDelta delta)
        {
            if (!string.IsNullOrEmpty(delta.Signature)) _signature ??= delta.Signature;
            if (!string.IsNullOrEmpty(delta.Id)) _id ??= delta.Id;
            if (!string.IsNullOrEmpty(delta.Name)) _name = _name is null ? delta.Name : _name;
            _arguments.Append(delta.ArgumentsFragment);
        }

        public ToolCall Build(string? origin) => new(_id ?? "", _name ?? "", _arguments.ToString()) { Signature = _signature, Origin = origin };
    }
}
