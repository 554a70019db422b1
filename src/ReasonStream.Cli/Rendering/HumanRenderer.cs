using System.Globalization;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The view for people: reasoning on stderr, answer on stdout, each delta written the moment it arrives. On a colour
/// terminal the reasoning is dim above a live status line ("⠹ Thinking… 3.1 s") that stays at its foot, and which becomes
/// "✓ Thought for 12.4 s" when the answer starts — or, with the reasoning collapsed, the only line left of it; the answer is
/// rendered as markdown when stdout is a colour terminal. Otherwise the text is plain, with no escape codes, and a file or
/// pipe gets exactly the model's text.
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
    private readonly LiveStatus? _status;
    private readonly MarkdownAnswer? _markdown;
    private ITimer? _ticker;
    private CursorTracker? _cursor;
    private CursorTracker? _answerCursor;
    private Phase _phase = Phase.NotStarted;
    private string _model = "";
    private long? _logId;
    private long _startedAt;
    private long _reasoningStartedAt;
    private int _reasoningWords;
    private string _reasoningTail = "";
    private bool _reasoningEndsWithNewLine = true;
    private bool _answerEndsWithNewLine = true;
    private bool _wroteAnswer;

    public HumanRenderer(ConsoleTarget stdout, ConsoleTarget stderr, OutputSettings settings, TimeProvider? clock = null, bool animate = true, bool? hyperlinks = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _animate = animate;
        _messages = new MessagePrinter(stderr);
        if (stderr.Color) _status = new LiveStatus(stderr);
        if (settings.Markdown && stdout.IsTerminal && stdout.Color)
        {
            _markdown = new MarkdownAnswer(stdout, hyperlinks ?? Hyperlink.Supported(Environment.GetEnvironmentVariable));
        }
    }

    private enum Phase
    {
        NotStarted,
        Waiting,
        Reasoning,
        Answering,
        Done,
    }

    /// <summary>The answer's markdown view, when the answer is rendered as markdown (tests read its work from it).</summary>
    internal MarkdownAnswer? Markdown => _markdown;

    /// <summary>True when the live status is drawn (colour terminal on stderr).</summary>
    private bool Live => _status is not null;

    /// <summary>The reasoning is folded into one line: on a colour terminal only (elsewhere it cannot be taken back).</summary>
    private bool Collapsed => Live && _settings.Reasoning == ReasoningView.Collapse;

    /// <summary>Nothing of the reasoning is shown: not its text, not "Thinking…", not "Thought for" (the status only waits).</summary>
    private bool Hidden => _settings.Reasoning == ReasoningView.Hide;

    private bool ShowReasoningText => _settings.Reasoning == ReasoningView.Show || (_settings.Reasoning == ReasoningView.Collapse && !Live);

    public void Begin(ExchangeRequest request, long? logId)
    {
        lock (_gate)
        {
            _model = request.Endpoint.Model;
            _logId = logId;
            _startedAt = _clock.GetTimestamp();
            _phase = Phase.Waiting;
            if (!Live) return;
            _cursor = new CursorTracker(_stderr.Width);
            Write(_stderr, _status!.Draw(CurrentStatus(), CursorRowClearable()));
            _stderr.Writer.Flush();
            if (_animate) _ticker = _clock.CreateTimer(_ => Tick(), null, TickInterval, TickInterval);
        }
    }

    public void Flush()
    {
        // The markdown preview is redrawn here, once for all the deltas since the last flush, not once per delta.
        _markdown?.Draw();
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
                // Above the status, which comes back below it.
                Write(_stderr, _status!.Hide(CursorRowClearable()) + (_cursor.Column > 0 ? "\n" : "") + Ansi.Style(true, Ansi.Dim, TextSanitizer.ForTerminal(line)) + "\n");
                _cursor = new CursorTracker(_stderr.Width);
                Write(_stderr, _status.Draw(CurrentStatus(), CursorRowClearable()));
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

        _markdown?.Complete();
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

    /// <summary>Redraws the live status once (the timer calls this; tests call it directly).</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            // Skipped while the text waits to wrap at the width it was written at; after a resize the status is redrawn on
            // every tick (at the new width), and the cursor's row is cleared only if the text does not now end at the edge.
            if (_phase is not (Phase.Waiting or Phase.Reasoning) || !Live || _cursor?.WrapPending == true) return;
            Write(_stderr, _status!.Draw(CurrentStatus(), CursorRowClearable()));
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
                if (!Live && _stderr.IsTerminal && ShowReasoningText) Write(_stderr, "Thinking…\n");
            }

            if (_phase != Phase.Reasoning) return;
            string shown = _stderr.IsTerminal ? TextSanitizer.ForTerminal(text) : text;
            if (Collapsed) Remember(shown);
            if (!ShowReasoningText || Collapsed)
            {
                if (Live) Write(_stderr, _status!.Draw(CurrentStatus(), CursorRowClearable()));
                return;
            }

            if (shown.Length == 0) return;
            if (Live)
            {
                var cursor = _cursor!;
                // Compared, not asked "resized since the last reading?": the status line's redraw reads the width too, and
                // would take that news first (the tracker then kept folding at the old width, and a character at the edge was lost).
                if (cursor.Width != _stderr.Width) cursor.Resize(_stderr.Width);
                // Measured before the text moves the cursor: the status is taken away from where the cursor stands now.
                bool clearable = CursorRowClearable();
                shown = WordWrapper.Wrap(shown, cursor, _stderr.Width);
                if (shown.Length == 0) return;
                cursor.Advance(shown);
                // A row filled to its edge leaves the cursor waiting to wrap, which moving it (to draw the status) would lose:
                // the status waits for the next text, which the word wrapper places right (a word cut at the edge moves down).
                string hide = _status!.Hide(clearable);
                string status = cursor.WrapPending ? "" : _status.Draw(CurrentStatus(), clearRestOfRow: true);
                Write(_stderr, hide + Ansi.Dim + shown + Ansi.NormalIntensity + status);
            }
            else
            {
                Write(_stderr, shown);
            }

            _reasoningEndsWithNewLine = shown[^1] == '\n';
        }
    }

    /// <summary>For the collapsed view: how much was thought, and its last words for the status line.</summary>
    private void Remember(string text)
    {
        bool inWord = _reasoningTail.Length > 0 && !char.IsWhiteSpace(_reasoningTail[^1]);
        foreach (char c in text)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) _reasoningWords++;
            inWord = letter;
        }

        string tail = _reasoningTail + text.Replace('\n', ' ').Replace('\t', ' ');
        _reasoningTail = tail.Length > 400 ? tail[^400..] : tail;
    }

    private void OnAnswer(string text)
    {
        lock (_gate)
        {
            EndReasoning(finished: true, duration: null);
            _phase = Phase.Answering;
        }

        if (_markdown is not null)
        {
            _markdown.Append(TextSanitizer.ForTerminal(text));
            _wroteAnswer = true;
            return;
        }

        string shown = text;
        if (_stdout.IsTerminal)
        {
            _answerCursor ??= new CursorTracker(_stdout.Width);
            if (_answerCursor.Width != _stdout.Width) _answerCursor.Resize(_stdout.Width);
            shown = WordWrapper.Wrap(TextSanitizer.ForTerminal(text), _answerCursor, _stdout.Width, canMoveCursor: _stdout.Color);
            _answerCursor.Advance(shown);
        }

        if (shown.Length == 0) return;
        Write(_stdout, shown);
        _wroteAnswer = true;
        _answerEndsWithNewLine = shown[^1] == '\n';
    }

    /// <summary>
    /// Closes the reasoning section once: the status line gives way to "✓ Thought for 12.4 s" (with the collapsed view, the
    /// one line left of the thinking), then a blank line before the answer. The duration is the library's (<see cref="ReasoningEnded"/>,
    /// or the result's timings when the stream stopped mid-thought); the renderer's own clock only drives the live timer, and
    /// stands in only for updates that did not come from the library's client.
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
            string hide = _status!.Hide(CursorRowClearable());
            if (!thought || Hidden)
            {
                // No reasoning came, or none is to be shown: the status goes, and the answer starts where it stood.
                Write(_stderr, hide);
                return;
            }

            string line = finished ? LiveHeader.Thought(shownDuration, color: true) : LiveHeader.Stopped(shownDuration, color: true);
            if (Collapsed) line += Ansi.Style(true, Ansi.Dim, CollapsedDetails());
            bool textShown = ShowReasoningText && !Collapsed;
            // Shown text is closed with a line break; otherwise the line takes the status's place at the start of the
            // cursor's row (which the hiding cleared, whatever a resize left on it).
            string before = textShown ? (_cursor!.Column > 0 ? "\n\n" : "\n") : "\r";
            Write(_stderr, hide + before + line + "\n\n");
            return;
        }

        if (!thought || !ShowReasoningText) return;
        string separator = _reasoningEndsWithNewLine ? "" : "\n";
        if (_stderr.IsTerminal)
        {
            separator += (finished ? "Thought for " : "Thinking stopped after ") + Durations.Seconds(shownDuration) + "\n\n";
        }

        if (separator.Length > 0) Write(_stderr, separator);
    }

    /// <summary>
    /// True unless the cursor waits to wrap at the row's edge, at the window's width now, where it stands on the row's last
    /// character (clearing the row from there would erase it). It only asks: the tracker is resized where text is written.
    /// </summary>
    private bool CursorRowClearable() => _cursor is null || !_cursor.WrapPendingAt(_stderr.Width);

    /// <summary>" · 1,840 words · reason logs show 42": what was folded away, and where to read it.</summary>
    private string CollapsedDetails() =>
        $" · {_reasoningWords.ToString("N0", CultureInfo.InvariantCulture)} word{(_reasoningWords == 1 ? "" : "s")}" +
        (_logId is { } id ? $" · reason logs show {id.ToString(CultureInfo.InvariantCulture)}" : "");

    private string CurrentStatus()
    {
        if (_phase != Phase.Reasoning || Hidden) return LiveHeader.Waiting(_model, _clock.GetElapsedTime(_startedAt), color: true);
        string status = LiveHeader.Thinking(_clock.GetElapsedTime(_reasoningStartedAt), color: true);
        // Collapsed: the status line carries the latest words of the thinking, cut to the row.
        return Collapsed && _reasoningTail.Trim().Length > 0 ? status + Ansi.Style(true, Ansi.Dim, " · " + Glimpse()) : status;
    }

    private string Glimpse()
    {
        string text = string.Join(' ', _reasoningTail.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        int room = Math.Max(10, _stderr.Width - 24);
        return text.Length <= room ? text : "…" + text[^(room - 1)..];
    }

    private static string LogReference(long? logId) => logId is { } id ? $" (reason logs show {id})" : "";

    /// <summary>Writes without flushing: the exchange runner flushes whenever no further update is ready.</summary>
    private static void Write(ConsoleTarget target, string text)
    {
        if (text.Length > 0) target.Writer.Write(text);
    }
}
