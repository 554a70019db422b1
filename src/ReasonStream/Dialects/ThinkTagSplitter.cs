namespace ReasonStream;

/// <summary>
/// Splits answer content that carries its reasoning between <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c>
/// into reasoning and answer, safely when a tag is cut across chunks (<c>&lt;thi</c> + <c>nk&gt;</c>).
/// Only the bytes that could still be the start of a tag are held back, and only until the next piece.
/// </summary>
internal sealed class ThinkTagSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    private readonly bool _tagsAnywhere;
    private State _state;
    private string _pending = "";
    private bool _trimLeadingNewlines;
    private bool _sawOpenTag;

    /// <param name="dialect">
    /// <see cref="ReasoningDialect.ThinkTags"/>: tags anywhere; <see cref="ReasoningDialect.ThinkTagsOpen"/>: starts inside
    /// the thinking; otherwise a tag is honoured only at the very start of the content.
    /// </param>
    public ThinkTagSplitter(ReasoningDialect dialect)
    {
        _state = dialect switch
        {
            ReasoningDialect.None => State.Passthrough,
            ReasoningDialect.ThinkTagsOpen => State.Inside,
            ReasoningDialect.ThinkTags => State.ProbeThenOutside,
            _ => State.ProbeThenPassthrough,
        };
        _tagsAnywhere = dialect is ReasoningDialect.ThinkTags or ReasoningDialect.ThinkTagsOpen;
        _trimLeadingNewlines = _state == State.Inside;
    }

    private enum State
    {
        ProbeThenPassthrough,
        ProbeThenOutside,
        Inside,
        Outside,
        Passthrough,
    }

    public void Feed(string text, List<StreamUpdate> output)
    {
        if (_state == State.Passthrough && _pending.Length == 0)
        {
            if (text.Length > 0) output.Add(new AnswerDelta(text));
            return;
        }

        string s = _pending.Length == 0 ? text : _pending + text;
        _pending = "";
        while (s.Length > 0)
        {
            switch (_state)
            {
                case State.Passthrough:
                    Emit(s, output);
                    return;

                case State.ProbeThenPassthrough or State.ProbeThenOutside:
                    string trimmed = s.TrimStart();
                    if (trimmed.StartsWith(Open, StringComparison.Ordinal))
                    {
                        _sawOpenTag = true;
                        _state = State.Inside;
                        _trimLeadingNewlines = true;
                        s = trimmed[Open.Length..];
                        continue;
                    }

                    if (Open.StartsWith(trimmed, StringComparison.Ordinal))
                    {
                        _pending = s; // still could be "<think>": wait for the next piece
                        return;
                    }

                    _state = _state == State.ProbeThenOutside ? State.Outside : State.Passthrough;
                    continue;

                default:
                    string tag = _state == State.Inside ? Close : Open;
                    int at = s.IndexOf(tag, StringComparison.Ordinal);
                    if (_state == State.Outside && !_sawOpenTag && s.IndexOf(Close, StringComparison.Ordinal) is var close and >= 0 && (at < 0 || close < at))
                    {
                        // A closing tag with no opening one: the stream began inside the thinking (use ThinkTagsOpen
                        // to read that text as reasoning). At least the tag itself never reaches the answer.
                        Emit(s[..close], output);
                        s = s[(close + Close.Length)..];
                        _sawOpenTag = true;
                        _trimLeadingNewlines = true;
                        continue;
                    }

                    if (at >= 0)
                    {
                        Emit(s[..at], output);
                        s = s[(at + tag.Length)..];
                        if (_state == State.Inside)
                        {
                            // In Auto only a leading block is reasoning: what follows is answer, tags and all.
                            _state = _tagsAnywhere ? State.Outside : State.Passthrough;
                        }
                        else
                        {
                            _sawOpenTag = true;
                            _state = State.Inside;
                        }

                        _trimLeadingNewlines = true;
                        continue;
                    }

                    int held = Math.Max(PartialTagSuffix(s, tag), _state == State.Outside && !_sawOpenTag ? PartialTagSuffix(s, Close) : 0);
                    Emit(held == 0 ? s : s[..^held], output);
                    _pending = held == 0 ? "" : s[^held..];
                    return;
            }
        }
    }

    /// <summary>Releases anything held back (the stream ended).</summary>
    public void Flush(List<StreamUpdate> output)
    {
        if (_pending.Length == 0) return;
        string rest = _pending;
        _pending = "";
        if (_state is State.ProbeThenOutside or State.ProbeThenPassthrough) _state = State.Passthrough;
        Emit(rest, output);
    }

    private void Emit(string text, List<StreamUpdate> output)
    {
        if (_trimLeadingNewlines)
        {
            // The newline that conventionally follows a tag is layout, not content.
            text = text.TrimStart('\r', '\n');
            if (text.Length == 0) return;
            _trimLeadingNewlines = false;
        }

        if (text.Length == 0) return;
        output.Add(_state == State.Inside ? new ReasoningDelta(text) : new AnswerDelta(text));
    }

    private static int PartialTagSuffix(string s, string tag)
    {
        for (int length = Math.Min(tag.Length - 1, s.Length); length > 0; length--)
        {
            if (s.AsSpan(s.Length - length).SequenceEqual(tag.AsSpan(0, length))) return length;
        }

        return 0;
    }
}
