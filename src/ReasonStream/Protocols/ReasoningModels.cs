namespace ReasonStream;

/// <summary>
/// Hints from model names, used only where a protocol must choose a request shape before anything is known about
/// the model (sending a reasoning field a model rejects fails the request). Never used to read a stream.
/// </summary>
internal static class ReasoningModels
{
    /// <summary>OpenAI's reasoning families (o-series, gpt-5, codex, gpt-oss) take <c>reasoning</c>; others reject it.</summary>
    public static bool LikelyOpenAIReasoning(string model)
    {
        string name = model.Contains('/', StringComparison.Ordinal) ? model[(model.LastIndexOf('/') + 1)..] : model;
        return name.StartsWith("o1", StringComparison.OrdinalIgnoreCase) || name.StartsWith("o3", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("o4", StringComparison.OrdinalIgnoreCase) || name.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) ||
            name.Contains("codex", StringComparison.OrdinalIgnoreCase) || name.StartsWith("gpt-oss", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An effort as OpenAI's model takes it: <c>none</c> exists from gpt-5.1 (earlier models take <c>minimal</c> as the
    /// least); <c>max</c> is not OpenAI's word (its most is <c>xhigh</c>, from gpt-5.1-codex-max and gpt-5.2, else <c>high</c>).
    /// </summary>
    public static string? OpenAIEffort(string model, string? effort)
    {
        var version = GptVersion(model);
        bool newer = version is { } v && (v.Major, v.Minor).CompareTo((5, 1)) >= 0;
        bool xhigh = version is { } x && ((x.Major, x.Minor).CompareTo((5, 2)) >= 0 || model.Contains("codex-max", StringComparison.OrdinalIgnoreCase));
        return effort switch
        {
            "none" => newer ? "none" : "minimal",
            "max" => xhigh ? "xhigh" : "high",
            "xhigh" => xhigh ? "xhigh" : "high",
            var other => other,
        };
    }

    /// <summary>The gpt-N.M version in a model name (<c>gpt-5-mini</c> → 5.0, <c>gpt-5.1-codex</c> → 5.1); null for other names.</summary>
    private static (int Major, int Minor)? GptVersion(string model)
    {
        string name = model.Contains('/', StringComparison.Ordinal) ? model[(model.LastIndexOf('/') + 1)..] : model;
        if (!name.StartsWith("gpt-", StringComparison.OrdinalIgnoreCase)) return null;
        var digits = name[4..].Split('-')[0].Split('.');
        return int.TryParse(digits[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major)
            ? (major, digits.Length > 1 && int.TryParse(digits[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int minor) ? minor : 0)
            : null;
    }

    /// <summary>
    /// The Claude version in a model name (<c>claude-sonnet-4-5</c> → 4.5, <c>claude-opus-4-6-…</c> → 4.6,
    /// <c>claude-3-7-sonnet</c> → 3.7); null when the name does not say.
    /// </summary>
    public static (int Major, int Minor)? ClaudeVersion(string model)
    {
        var parts = model.ToLowerInvariant().Split('-', '.', '_', '@', ':');
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major) || major is < 1 or > 20) continue;
            // A date (20250514) is not a version; the minor is the next short number, if any.
            int minor = i + 1 < parts.Length && parts[i + 1].Length <= 2 && int.TryParse(parts[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int m) ? m : 0;
            return (major, minor);
        }

        return null;
    }

    /// <summary>True for Gemini 3 and later, which take <c>thinkingLevel</c> rather than only <c>thinkingBudget</c>.</summary>
    public static bool IsGemini3OrLater(string model)
    {
        string name = model.StartsWith("models/", StringComparison.OrdinalIgnoreCase) ? model["models/".Length..] : model;
        if (!name.StartsWith("gemini-", StringComparison.OrdinalIgnoreCase)) return false;
        int end = name.IndexOfAny(['.', '-'], "gemini-".Length);
        return int.TryParse(end < 0 ? name["gemini-".Length..] : name["gemini-".Length..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major) && major >= 3;
    }
}
