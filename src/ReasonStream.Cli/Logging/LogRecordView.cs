using System.Globalization;
using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Logging;

/// <summary>
/// `reason logs show`: one exchange, in full, for reading. On a terminal every text that came from a model, a
/// user or a server loses its control characters (an escape sequence could clear the screen or retitle the
/// window); a file or pipe gets the text exactly.
/// </summary>
internal static class LogRecordView
{
    public static void Write(ConsoleTarget target, ExchangeRecord record, bool markdown)
    {
        var r = target.IsTerminal ? Sanitized(record) : record;
        var w = target.Writer;
        bool color = target.Color;
        string Label(string text) => Ansi.Style(color, Ansi.Bold, text);

        w.WriteLine(Label($"#{r.Id}") + $"  {r.StartedAt}  conversation {r.ConversationId} turn {r.Turn}  [{r.Status}]");
        w.WriteLine($"{Label("provider")} {r.Provider}  {Label("model")} {r.Model}  {Label("base URL")} {Configuration.UrlDisplay.WithoutSecrets(r.BaseUrl)}");
        if (r.SystemPrompt is not null) Section(w, Label("system"), r.SystemPrompt);
        Section(w, Label("prompt"), r.Prompt);
        if (r.Reasoning.Length > 0) Section(w, Label("reasoning"), Ansi.Style(color, Ansi.Dim, r.Reasoning));
        Section(w, Label("answer"), r.Answer.Length == 0 ? "(none)" : markdown && target.IsTerminal && color ? Rendered(r.Answer, target.Width) : r.Answer);
        foreach (var call in r.ToolCalls) w.WriteLine($"{Label("tool call")} {call.Name}({call.Arguments}) [{call.Id}]");
        w.WriteLine();
        if (r.Usage is { } u)
        {
            w.WriteLine($"{Label("usage")} prompt {N(u.PromptTokens)} (cached {N(u.CachedTokens)}) · output {N(u.OutputTokens)} (reasoning {N(u.ReasoningTokens)}) · total {N(u.TotalTokens)}");
        }

        if (r.Timings is { } t)
        {
            w.WriteLine($"{Label("timings")} first reasoning {Ms(t.FirstReasoningMs)} · first answer {Ms(t.FirstAnswerMs)} · reasoning {Ms(t.ReasoningMs)} · total {Ms(t.TotalMs)}" +
                (t.TokensPerSecond is { } tps ? $" · {tps.ToString("0.0", CultureInfo.InvariantCulture)} tok/s" : ""));
        }

        w.WriteLine($"{Label("finish")} {r.FinishReason ?? "(none)"}" + (r.Truncated ? "  (truncated)" : ""));
        if (r.ErrorKind is not null) w.WriteLine($"{Label("error")} {r.ErrorKind}: {r.ErrorMessage}");
    }

    private static ExchangeRecord Sanitized(ExchangeRecord r) => r with
    {
        ConversationId = Clean(r.ConversationId),
        StartedAt = Clean(r.StartedAt),
        Status = Clean(r.Status),
        Provider = Clean(r.Provider),
        Model = Clean(r.Model),
        BaseUrl = Clean(r.BaseUrl),
        SystemPrompt = r.SystemPrompt is null ? null : Clean(r.SystemPrompt),
        Prompt = Clean(r.Prompt),
        Reasoning = Clean(r.Reasoning),
        Answer = Clean(r.Answer),
        ToolCalls = [.. r.ToolCalls.Select(c => new LoggedToolCall(Clean(c.Id), Clean(c.Name), Clean(c.Arguments)))],
        FinishReason = r.FinishReason is null ? null : Clean(r.FinishReason),
        ErrorKind = r.ErrorKind is null ? null : Clean(r.ErrorKind),
        ErrorMessage = r.ErrorMessage is null ? null : Clean(r.ErrorMessage),
    };

    /// <summary>The answer as `reason` drew it while it streamed: the same renderer, the whole text at once.</summary>
    private static string Rendered(string answer, int width) =>
        string.Join('\n', MarkdownStream.RenderAll(answer, new BlockRenderer(width, Hyperlink.Supported(Environment.GetEnvironmentVariable), new CodeHighlighter())));

    private static string Clean(string text) => TextSanitizer.ForTerminal(text);

    private static void Section(TextWriter w, string label, string text)
    {
        w.WriteLine();
        w.WriteLine(label);
        w.WriteLine(text.TrimEnd('\n'));
    }

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Ms(double? ms) => ms is { } v ? (v / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s" : "–";
}
