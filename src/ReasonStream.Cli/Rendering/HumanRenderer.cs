using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The view for people: reasoning on stderr, answer on stdout, each delta written and flushed the moment it
/// arrives. On a colour terminal the reasoning is dim under a live "Thinking… 3.1 s" line that becomes
/// "Thought for 12.4 s" when the answer starts; otherwise the text is plain, with no escape codes.
/// </summary>
internal sealed class HumanRenderer : IExchangeRenderer
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(80);

    private readonly ConsoleTarget _stdout;
    private readonly ConsoleTarget _stderr;
    private readonly OutputSettings _settings;
    private readonly TimeProvider _clock;
    private readonly bool _animate;
    private readonly MessagePrinter _messages;
    private readonly Lock _gate = new();
    private ITimer? _ticker;
    private CursorTracker? _cursor;
    private CursorTracker? _answerCursor;
    private Phase _phase = Phase.NotStarted;
    private string _model = "";
    private long _startedAt;
    private long _reasoningStartedAt;
    private bool _reasoningEndsWithNewLine = true;
    private bool _answerEndsWithNewLine = true;
    private bool _wroteAnswer;

    public HumanRenderer(ConsoleTarget stdout, ConsoleTarget stderr, OutputSettings settings, TimeProvider? clock = null, bool animate = true)
    {
        _stdout = stdout;
        _stderr = stderr;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _animate = animate;
        _messages = new MessagePrinter(stderr);
    }

    private enum Phase
    {
        NotStarted,
        Waiting,
        Reasoning,
        Answering,
        Done,
    }

    /// <summary>True when the live header is drawn (colour terminal on stderr).</summary>
    private bool Live => _stderr.Color;

    public void Begin(ExchangeRequest request)
    {
        lock (_gate)
        {
            _model = request.Endpoint.Model;
            _startedAt = _clock.GetTimestamp();
            _phase = Phase.Waiting;
            if (!Live) return;
            _cursor = new CursorTracker(_stderr.Width);
            Write(_stderr, LiveHeader.Waiting(_model, TimeSpan.Zero, color: true) + "\n");
            _cursor.NewLine();
            _stderr.Writer.Flush();
            if (_animate) _ticker = _clock.CreateTimer(_ => Tick(), null, TickInterval, TickInterval);
        }
    }

    public void Flush()
    {
        _stdout.Writer.Flush();
        _stderr.Writer.Flush();
    }

    public void Retrying(RetryNotice notice)
    {
        lock (_gate)
        {
            string line = RetryLine.For(notice);
            if (Live && _cursor is not null)
            {
                // Below the live header, which then moves up one more row to redraw itself.
                Write(_stderr, (_cursor.Column > 0 ? "\n" : "") + Ansi.Style(true, Ansi.Dim, TextSanitizer.ForTerminal(line)) + "\n");
                if (_cursor.Column > 0) _cursor.NewLine();
                _cursor.NewLine();
                _stderr.Writer.Flush();
            }
            else
            {
                _messages.Note(line);
            }
        }
    }

    public void Update(StreamUpdate update)
    {
        switch (update)
        {
            case ReasoningDelta reasoning:
                OnReasoning(reasoning.Text);
                break;
            case ReasoningEnded ended:
                // The library's one measure of the reasoning phase: the same duration the summary, the log and --stats show.
                lock (_gate) EndReasoning(finished: true, ended.Duration);
                break;
            case ReasoningBlockEnd { IsRedacted: true }:
                // Anthropic hid some thinking for safety: nothing to show but the fact (the block is kept and sent back).
                OnReasoning(RedactedNotice);
                break;
            case AnswerDelta answer:
                OnAnswer(answer.Text);
                break;
            case ToolCallDelta:
                lock (_gate) EndReasoning(finished: true, duration: null);
                break;
        }
    }

    public void End(ExchangeOutcome outcome)
    {
        lock (_gate)
        {
            EndReasoning(finished: outcome.Status == ExchangeStatus.Ok, outcome.Result.Timings.ReasoningDuration);
            _phase = Phase.Done;
        }

        if (_wroteAnswer && !_answerEndsWithNewLine) Write(_stdout, "\n");
        Flush();
        var result = outcome.Result;
        foreach (var call in result.ToolCalls)
        {
            _messages.Note($"tool call {call.Name}({call.Arguments})" + (call.Id.Length > 0 ? $"  [{call.Id}]" : ""));
        }

        if (result.ReasoningExhaustedBudget)
        {
            _messages.Warning("the reasoning used the whole token budget before any answer (finish_reason: length).",
                "raise --max-tokens (or lower --effort) to leave room for the answer");
        }
        else if (result.IsTruncated)
        {
            _messages.Warning("the answer was cut off by the token limit (finish_reason: length).", "raise --max-tokens for a complete answer");
        }
        else if (result.FinishReason == FinishReasons.ContentFilter)
        {
            _messages.Warning("the provider's content filter stopped the answer (finish_reason: content_filter).");
        }

        if (_settings.Stats)
        {
            if (_stderr.IsTerminal) Write(_stderr, "\n");
            foreach (string line in StatsFormatter.Lines(result, _stderr.IsTerminal ? _stderr.Width : int.MaxValue)) _messages.Note(line);
        }

        if (outcome.Status == ExchangeStatus.Interrupted)
        {
            _messages.Warning("interrupted; kept what arrived" + LogReference(outcome.LogId) + ".");
        }
        else if (outcome.Error is { } error)
        {
            _messages.Error(error);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    /// <summary>Redraws the live header once (the timer calls this; tests call it directly).</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            if (_phase is not (Phase.Waiting or Phase.Reasoning)) return;
            RedrawHeader(CurrentHeader());
            _stderr.Writer.Flush();
        }
    }

    internal const string RedactedNotice = "[some thinking was redacted by the provider]\n";

    private void OnReasoning(string text)
    {
        lock (_gate)
        {
            if (_phase == Phase.Waiting)
            {
                _phase = Phase.Reasoning;
                _reasoningStartedAt = _clock.GetTimestamp();
                if (Live) RedrawHeader(CurrentHeader());
                else if (_stderr.IsTerminal && !_settings.HideReasoning) Write(_stderr, "Thinking…\n");
            }

            if (_phase != Phase.Reasoning || _settings.HideReasoning) return;
            string shown = _stderr.IsTerminal ? TextSanitizer.ForTerminal(text) : text;
            if (shown.Length == 0) return;
            if (Live)
            {
                var cursor = _cursor!;
                shown = WordWrapper.Wrap(shown, cursor, _stderr.Width);
                Write(_stderr, Ansi.Dim + shown + Ansi.NormalIntensity);
                cursor.Advance(shown);
            }
            else
            {
                Write(_stderr, shown);
            }

            _reasoningEndsWithNewLine = shown[^1] == '\n';
        }
    }

    private void OnAnswer(string text)
    {
        lock (_gate)
        {
            EndReasoning(finished: true, duration: null);
            _phase = Phase.Answering;
        }

        string shown = text;
        if (_stdout.IsTerminal)
        {
            _answerCursor ??= new CursorTracker(_stdout.Width);
            shown = WordWrapper.Wrap(TextSanitizer.ForTerminal(text), _answerCursor, _stdout.Width, canMoveCursor: _stdout.Color);
            _answerCursor.Advance(shown);
        }

        if (shown.Length == 0) return;
        Write(_stdout, shown);
        _wroteAnswer = true;
        _answerEndsWithNewLine = shown[^1] == '\n';
    }

    /// <summary>
    /// Closes the reasoning section once: final header, a blank line before the answer. The duration is the library's
    /// (<see cref="ReasoningEnded"/>, or the result's timings when the stream stopped mid-thought); the renderer's own clock only
    /// drives the live timer, and stands in only for updates that did not come from the library's client.
    /// </summary>
    private void EndReasoning(bool finished, TimeSpan? duration)
    {
        if (_phase is not (Phase.Waiting or Phase.Reasoning)) return;
        _ticker?.Dispose();
        _ticker = null;
        bool thought = _phase == Phase.Reasoning;
        TimeSpan shownDuration = thought ? duration ?? _clock.GetElapsedTime(_reasoningStartedAt) : TimeSpan.Zero;
        _phase = Phase.Answering;

        if (Live)
        {
            if (!thought)
            {
                // No reasoning came: take the waiting line away so the answer starts where it stood.
                Write(_stderr, Ansi.Up(_cursor!.Row) + "\r" + Ansi.ClearLine);
                return;
            }

            RedrawHeader(finished ? LiveHeader.Thought(shownDuration, color: true) : LiveHeader.Stopped(shownDuration, color: true), force: true);
            if (!_settings.HideReasoning) Write(_stderr, (_cursor!.Column > 0 ? "\n" : "") + "\n");
            return;
        }

        if (!thought || _settings.HideReasoning) return;
        string separator = _reasoningEndsWithNewLine ? "" : "\n";
        if (_stderr.IsTerminal)
        {
            separator += (finished ? "Thought for " : "Thinking stopped after ") + Durations.Seconds(shownDuration) + "\n\n";
        }

        if (separator.Length > 0) Write(_stderr, separator);
    }

    private string CurrentHeader() => _phase == Phase.Reasoning
        ? LiveHeader.Thinking(_clock.GetElapsedTime(_reasoningStartedAt), color: true)
        : LiveHeader.Waiting(_model, _clock.GetElapsedTime(_startedAt), color: true);

    /// <summary>
    /// Moves up to the header line, rewrites it, and comes back — only while the header is still on screen
    /// and no wrap is pending (moving then would misplace the next character).
    /// </summary>
    private void RedrawHeader(string header, bool force = false)
    {
        if (!Live || _cursor is null) return;
        bool onScreen = _cursor.Row < _stderr.Height - 1;
        if (!onScreen)
        {
            if (force) Write(_stderr, (_cursor.Column > 0 ? "\n" : "") + header + "\n");
            if (force) _cursor = new CursorTracker(_stderr.Width);
            return;
        }

        if (_cursor.WrapPending)
        {
            if (!force) return;
            Write(_stderr, "\n");
            _cursor.NewLine();
        }

        string back = _cursor.Column > 0 ? Ansi.Column(_cursor.Column + 1) : "\r";
        Write(_stderr, Ansi.Up(_cursor.Row) + "\r" + header + Ansi.ClearToEndOfLine + Ansi.Down(_cursor.Row) + back);
    }

    private static string LogReference(long? logId) => logId is { } id ? $" (reason logs show {id})" : "";

    /// <summary>Writes without flushing: the exchange runner flushes whenever no further update is ready.</summary>
    private static void Write(ConsoleTarget target, string text) => target.Writer.Write(text);
}
