using ColorCode;
using ColorCode.Common;
using ColorCode.Parsing;

namespace ReasonStream.Cli.Markdown;

/// <summary>
/// Syntax colours for fenced code, from ColorCode's language rules (C#, C++, Java, JavaScript, TypeScript, Python, JSON,
/// SQL, PowerShell, PHP, CSS, HTML, XML, Haskell, F#, Markdown, …); a language it does not know stays plain. Each line is
/// coloured on its own, so a line drawn while the block still streams is the line drawn when the whole answer is rendered
/// at once (a comment or string spanning lines is coloured line by line).
/// </summary>
internal sealed class CodeHighlighter : CodeColorizerBase
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = LanguageId.CSharp,
        ["csharp"] = LanguageId.CSharp,
        ["c#"] = LanguageId.CSharp,
        ["c++"] = LanguageId.Cpp,
        ["cpp"] = LanguageId.Cpp,
        ["c"] = LanguageId.Cpp,
        ["h"] = LanguageId.Cpp,
        ["js"] = LanguageId.JavaScript,
        ["javascript"] = LanguageId.JavaScript,
        ["jsx"] = LanguageId.JavaScript,
        ["ts"] = LanguageId.TypeScript,
        ["tsx"] = LanguageId.TypeScript,
        ["typescript"] = LanguageId.TypeScript,
        ["py"] = LanguageId.Python,
        ["python"] = LanguageId.Python,
        ["python3"] = LanguageId.Python,
        ["ps1"] = LanguageId.PowerShell,
        ["pwsh"] = LanguageId.PowerShell,
        ["fs"] = LanguageId.FSharp,
        ["hs"] = LanguageId.Haskell,
        ["md"] = LanguageId.Markdown,
    };

    private readonly object _gate = new();
    private List<(string Text, TextStyle Style)>? _runs;

    public CodeHighlighter()
        : base(null, null)
    {
    }

    /// <summary>ColorCode's language for a fence's info string (<c>```python</c>), or null when it has none.</summary>
    public static ILanguage? LanguageFor(string? info)
    {
        if (string.IsNullOrWhiteSpace(info)) return null;
        string name = info.Trim().Split(' ', '{', ',')[0];
        return Languages.FindById(Aliases.TryGetValue(name, out var id) ? id : name.ToLowerInvariant());
    }

    /// <summary>The runs of one line of code, coloured when the language is known.</summary>
    public List<(string Text, TextStyle Style)> Line(string code, ILanguage? language)
    {
        if (language is null || code.Length == 0) return [(code, TextStyle.Plain)];
        lock (_gate)
        {
            _runs = [];
            languageParser.Parse(code, language, (parsed, scopes) => Write(parsed, scopes));
            var runs = _runs;
            _runs = null;
            return runs;
        }
    }

    protected override void Write(string parsedSourceCode, IList<Scope> scopes)
    {
        var styles = new TextStyle[parsedSourceCode.Length];
        Paint(styles, scopes);
        int start = 0;
        for (int i = 1; i <= parsedSourceCode.Length; i++)
        {
            if (i < parsedSourceCode.Length && styles[i] == styles[start]) continue;
            _runs!.Add((parsedSourceCode[start..i], styles[start]));
            start = i;
        }
    }

    /// <summary>Outer scopes first, then their children over them.</summary>
    private static void Paint(TextStyle[] styles, IList<Scope> scopes)
    {
        foreach (var scope in scopes)
        {
            var style = StyleOf(scope.Name);
            for (int i = scope.Index; i < Math.Min(styles.Length, scope.Index + scope.Length); i++) styles[i] = style;
            Paint(styles, scope.Children);
        }
    }

    private static TextStyle StyleOf(string scope) => scope switch
    {
        ScopeName.Comment or ScopeName.XmlComment or ScopeName.HtmlComment or ScopeName.XmlDocComment or ScopeName.XmlDocTag => new TextStyle(Color: TextStyle.Gray),
        ScopeName.Keyword or ScopeName.PreprocessorKeyword or ScopeName.PowerShellOperator or ScopeName.SqlSystemFunction or ScopeName.CssSelector => new TextStyle(Color: TextStyle.Magenta),
        ScopeName.String or ScopeName.StringCSharpVerbatim or ScopeName.StringEscape or ScopeName.JsonString or ScopeName.HtmlAttributeValue or ScopeName.XmlAttributeValue or ScopeName.CssPropertyValue => new TextStyle(Color: TextStyle.Green),
        ScopeName.Number or ScopeName.JsonNumber or ScopeName.JsonConst => new TextStyle(Color: TextStyle.Yellow),
        ScopeName.ClassName or ScopeName.Type or ScopeName.TypeVariable or ScopeName.NameSpace or ScopeName.BuiltinFunction or ScopeName.BuiltinValue => new TextStyle(Color: TextStyle.Cyan),
        ScopeName.HtmlTagDelimiter or ScopeName.HtmlElementName or ScopeName.XmlName or ScopeName.XmlDelimiter or ScopeName.JsonKey or ScopeName.CssPropertyName or ScopeName.Attribute => new TextStyle(Color: TextStyle.Blue),
        _ => TextStyle.Plain,
    };
}
