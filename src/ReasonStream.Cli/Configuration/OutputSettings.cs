namespace ReasonStream.Cli.Configuration;

/// <summary>How the exchange is shown.</summary>
internal sealed record OutputSettings
{
    /// <summary>What becomes of the reasoning: shown, hidden, or (on a terminal) folded into one line once the answer starts.</summary>
    public ReasoningView Reasoning { get; init; } = ReasoningView.Show;

    public bool HideReasoning => Reasoning == ReasoningView.Hide;

    public bool Stats { get; init; }
    public bool Json { get; init; }
    public bool NoColor { get; init; }

    /// <summary>Render the answer as markdown when stdout is a terminal (never when it is a file or a pipe).</summary>
    public bool Markdown { get; init; } = true;
}

/// <summary>The choices for the reasoning, on the command line (<c>--hide-reasoning</c>, <c>--collapse-reasoning</c>) and in the config file.</summary>
internal enum ReasoningView
{
    /// <summary>Streamed dim under the live header, and left on screen.</summary>
    Show,

    /// <summary>Nothing of it is shown, neither its text nor how long it took (a terminal shows only the "Waiting for model…" timer).</summary>
    Hide,

    /// <summary>Streamed as usual, then folded into one line ("Thought for 12.4 s · 1,840 words · reason logs show 42") once the answer starts.</summary>
    Collapse,
}
