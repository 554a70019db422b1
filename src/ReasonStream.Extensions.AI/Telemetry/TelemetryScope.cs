using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI;

/// <summary>The telemetry of one streamed request: its span, its metrics and its log events. One per stream, not thread-safe.</summary>
internal sealed class TelemetryScope
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private readonly ILogger? _logger;
    private readonly ChatAccumulator? _text;
    private readonly string _provider;
    private readonly string _model;
    private readonly string _address;
    private readonly int _port;
    private bool _firstChunkSeen;
    private bool _ended;
    private string? _responseId;
    private string? _responseModel;
    private string? _finishReason;
    private TokenUsage? _usage;

    public TelemetryScope(ChatRequest request, ReasoningClientOptions client, ReasoningTelemetryOptions options)
    {
        _provider = ReasoningTelemetry.ProviderNameOf(client.Provider);
        _model = request.Model;
        var endpoint = client.EndpointFor(request.Model);
        _address = endpoint.Host;
        _port = endpoint.Port;
        _logger = options.Logger;
        if (options.EnableSensitiveData && _logger is not null) _text = new ChatAccumulator();

        _activity = TelemetryInstruments.Source.StartActivity($"{GenAiConventions.ChatOperation} {_model}", ActivityKind.Client);
        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag(GenAiConventions.OperationName, GenAiConventions.ChatOperation)
                .SetTag(GenAiConventions.ProviderName, _provider)
                .SetTag(GenAiConventions.RequestModel, _model)
                .SetTag(GenAiConventions.RequestStream, true)
                .SetTag(GenAiConventions.ServerAddress, _address)
                .SetTag(GenAiConventions.ServerPort, _port);
            if (request.MaxTokens is { } maxTokens) _activity.SetTag(GenAiConventions.RequestMaxTokens, maxTokens);
            if (request.Temperature is { } temperature) _activity.SetTag(GenAiConventions.RequestTemperature, temperature);
            if (request.TopP is { } topP) _activity.SetTag(GenAiConventions.RequestTopP, topP);
        }

        if (_logger is not null)
        {
            TelemetryLog.Started(_logger, _provider, _model, request.Messages.Count);
            if (_text is not null && _logger.IsEnabled(LogLevel.Trace)) TelemetryLog.RequestMessages(_logger, Describe(request.Messages));
        }
    }

    public void Observe(StreamUpdate update)
    {
        _text?.Add(update);
        switch (update)
        {
            case ReasoningDelta or AnswerDelta or ToolCallDelta when !_firstChunkSeen:
                _firstChunkSeen = true;
                var elapsed = Stopwatch.GetElapsedTime(_start);
                TelemetryInstruments.TimeToFirstChunk.Record(elapsed.TotalSeconds, MetricTags(null));
                _activity?.SetTag(GenAiConventions.ResponseTimeToFirstChunk, elapsed.TotalSeconds);
                if (_logger is not null)
                {
                    TelemetryLog.FirstChunk(_logger, update switch { ReasoningDelta => "reasoning", AnswerDelta => "answer", _ => "tool call" }, elapsed.TotalMilliseconds);
                }

                break;
            case StreamMetadata metadata:
                _responseId ??= metadata.ResponseId;
                _responseModel ??= metadata.Model;
                break;
            case UsageUpdate usage:
                _usage = _usage is null ? usage.Usage : _usage.MergeWith(usage.Usage);
                break;
            case StreamFinished finished:
                _finishReason = finished.FinishReason;
                Succeed();
                break;
        }
    }

    public void Fail(Exception exception)
    {
        if (_ended) return;
        _ended = true;
        string errorType = exception.GetType().FullName ?? exception.GetType().Name;
        var elapsed = Stopwatch.GetElapsedTime(_start);
        var tags = MetricTags(errorType);
        TelemetryInstruments.OperationDuration.Record(elapsed.TotalSeconds, tags);
        TelemetryInstruments.Errors.Add(1, tags);
        if (_activity is not null)
        {
            TagResponse(_activity);
            _activity.SetTag(GenAiConventions.ErrorType, errorType);
            if (exception is ReasonStreamException known)
            {
                _activity.SetTag(GenAiConventions.ErrorKind, known.Kind.ToString());
                if (known.StatusCode is { } status) _activity.SetTag(GenAiConventions.HttpStatusCode, status);
            }

            _activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            _activity.Dispose();
        }

        if (_logger is not null) TelemetryLog.Failed(_logger, _provider, _model, elapsed.TotalMilliseconds, errorType, exception);
    }

    /// <summary>Called when the reader lets go: ends the span of a stream that neither finished nor failed.</summary>
    public void End()
    {
        if (_ended) return;
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_start);
        TelemetryInstruments.OperationDuration.Record(elapsed.TotalSeconds, MetricTags(null));
        if (_activity is not null)
        {
            TagResponse(_activity);
            _activity.Dispose();
        }

        if (_logger is not null) TelemetryLog.Abandoned(_logger, _model, elapsed.TotalMilliseconds);
    }

    private void Succeed()
    {
        if (_ended) return;
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_start);
        var tags = MetricTags(null);
        TelemetryInstruments.OperationDuration.Record(elapsed.TotalSeconds, tags);
        long? input = _usage?.PromptTokens;
        long? output = _usage?.OutputTokens;
        long? reasoning = _usage?.ReasoningTokens;
        RecordTokens(input, GenAiConventions.InputTokenType, tags);
        RecordTokens(output, GenAiConventions.OutputTokenType, tags);
        if (reasoning is { } thought) TelemetryInstruments.ReasoningTokens.Record(thought, tags);
        if (_activity is not null)
        {
            TagResponse(_activity);
            _activity.Dispose();
        }

        if (_logger is not null)
        {
            TelemetryLog.Finished(_logger, _responseId, _responseModel, _finishReason ?? FinishReasons.Unknown, elapsed.TotalMilliseconds, input, output, reasoning);
            if (_text?.ToResult() is { } text && _logger.IsEnabled(LogLevel.Trace)) TelemetryLog.ResponseText(_logger, text.Reasoning, text.Answer);
        }
    }

    private static void RecordTokens(long? count, string type, TagList tags)
    {
        if (count is not { } value) return;
        tags.Add(GenAiConventions.TokenType, type);
        TelemetryInstruments.TokenUsage.Record(value, tags);
    }

    private void TagResponse(Activity activity)
    {
        if (!activity.IsAllDataRequested) return;
        if (_responseId is not null) activity.SetTag(GenAiConventions.ResponseId, _responseId);
        if (_responseModel is not null) activity.SetTag(GenAiConventions.ResponseModel, _responseModel);
        if (_finishReason is not null) activity.SetTag(GenAiConventions.ResponseFinishReasons, new[] { _finishReason });
        if (_usage is not { } usage) return;
        if (usage.PromptTokens is { } input) activity.SetTag(GenAiConventions.UsageInputTokens, input);
        if (usage.OutputTokens is { } output) activity.SetTag(GenAiConventions.UsageOutputTokens, output);
        if (usage.ReasoningTokens is { } reasoning) activity.SetTag(GenAiConventions.UsageReasoningTokens, reasoning);
        if ((usage.CachedPromptTokens ?? usage.PromptCacheHitTokens) is { } cached) activity.SetTag(GenAiConventions.UsageCacheReadTokens, cached);
    }

    private TagList MetricTags(string? errorType)
    {
        var tags = new TagList
        {
            { GenAiConventions.OperationName, GenAiConventions.ChatOperation },
            { GenAiConventions.ProviderName, _provider },
            { GenAiConventions.RequestModel, _model },
            { GenAiConventions.ServerAddress, _address },
            { GenAiConventions.ServerPort, _port },
        };
        if (_responseModel is not null) tags.Add(GenAiConventions.ResponseModel, _responseModel);
        if (errorType is not null) tags.Add(GenAiConventions.ErrorType, errorType);
        return tags;
    }

    private static string Describe(IReadOnlyList<Message> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append('[').Append(message.Role).Append("] ").Append(message.Content);
            if (message.ToolCalls is { } calls)
            {
                foreach (var call in calls) text.Append(" {call ").Append(call.Name).Append(' ').Append(call.Arguments).Append('}');
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
