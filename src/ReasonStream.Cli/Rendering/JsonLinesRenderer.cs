using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Output;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// <c>--json</c>: one JSON object per update on stdout (NDJSON), sent as soon as no further update is ready, then one
/// summary object, written in slices whatever its size. Errors also go to stderr as a line for people; stdout stays pure JSON.
/// </summary>
internal sealed class JsonLinesRenderer(ConsoleTarget stdout, ConsoleTarget stderr, OutputSettings settings) : IExchangeRenderer
{
    private static readonly CliJsonContext Context = CliJsonContext.Readable;
    private readonly MessagePrinter _messages = new(stderr);
    private readonly Stream _bytes = DecodingStream.For(stdout.Writer);
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private Utf8JsonWriter? _json;
    private Endpoint? _endpoint;
    private ExchangeRequest? _conversation;

    public void Begin(ExchangeRequest request, long? logId)
    {
        _endpoint = request.Endpoint;
        _conversation = request;
    }

    public void Update(StreamUpdate update)
    {
        switch (update)
        {
            case ResponseStarted started:
                Emit(new StartEvent("start", started.StatusCode, started.RequestId), Context.StartEvent);
                break;
            case StreamMetadata metadata:
                Emit(new MetadataEvent("metadata", metadata.ResponseId, metadata.Model, metadata.Provider), Context.MetadataEvent);
                break;
            case ReasoningDelta reasoning when !settings.HideReasoning:
                Emit(new TextEvent("reasoning", reasoning.Text), Context.TextEvent);
                break;
            case AnswerDelta answer:
                Emit(new TextEvent("answer", answer.Text), Context.TextEvent);
                break;
            case ReasoningBlockEnd block when !settings.HideReasoning:
                Emit(new ReasoningBlockEvent("reasoning_block", WireProtocols.NameOf(block.Protocol), block.IsRedacted), Context.ReasoningBlockEvent);
                break;
            case ToolCallDelta call:
                Emit(new ToolCallEvent("tool_call", call.Index, call.Id, call.Name, call.ArgumentsFragment), Context.ToolCallEvent);
                break;
            case UsageUpdate usage:
                Emit(new UsageEvent("usage", JsonMapping.Usage(usage.Usage)!), Context.UsageEvent);
                break;
            case StreamFinished finished:
                Emit(new FinishEvent("finish", finished.FinishReason, finished.IsTruncated), Context.FinishEvent);
                break;
        }
    }

    public void End(ExchangeOutcome outcome)
    {
        var result = outcome.Result;
        var summary = new SummaryEvent(
            "summary",
            outcome.Status,
            _endpoint?.ProviderName ?? "",
            _endpoint?.Model ?? "",
            result.Model,
            outcome.LogId is null ? null : _conversation?.ConversationId,
            outcome.LogId is null ? null : _conversation?.Turn,
            outcome.LogId,
            settings.HideReasoning ? "" : result.Reasoning,
            result.Answer,
            JsonMapping.ToolCalls(result),
            JsonMapping.Usage(result.Usage),
            JsonMapping.Timings(result),
            result.FinishReason,
            result.IsTruncated,
            result.ReasoningExhaustedBudget,
            JsonMapping.Error(outcome.Error));
        SummaryWriter.Write(_bytes, summary);
        _bytes.WriteByte((byte)'\n');
        stdout.Writer.Flush();
        if (outcome.Error is { } error) _messages.Error(error);
        else if (outcome.Status == ExchangeStatus.Interrupted) _messages.Warning("interrupted; kept what arrived.");
        else if (result.IsTruncated) _messages.Warning("the output was cut off by the token limit (finish_reason: length).", "raise --max-tokens");
    }

    public void Flush() => stdout.Writer.Flush();

    public void Retrying(RetryNotice notice) => _messages.Note(RetryLine.For(notice));

    public void Dispose() => _json?.Dispose();

    /// <summary>One line of NDJSON, serialized as UTF-8 into a reused buffer and handed to stdout as bytes (flushed by <see cref="Flush"/>).</summary>
    private void Emit<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _line.ResetWrittenCount();
        if (_json is null) _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = Context.Options.Encoder });
        else _json.Reset(_line);
        JsonSerializer.Serialize(_json, value, typeInfo);
        _json.Flush();
        _bytes.Write(_line.WrittenSpan);
        _bytes.WriteByte((byte)'\n');
    }
}
