using System.Text;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The prompts of `reason chat`, kept across sessions for Up/Down and Ctrl+R: one per line in <c>chat_history</c> beside the log
/// (a prompt of several lines with its line breaks written as <c>\n</c>), private like the log (0600), the newest 1,000 kept.
/// A history that cannot be read or written costs nothing but itself.
/// </summary>
internal sealed class ChatHistory
{
    public const int MaxEntries = 1000;
    private readonly List<string> _entries = [];
    private readonly string? _path;

    private ChatHistory(string? path) => _path = path;

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>The history kept at <paramref name="path"/> (null: in memory only, for --no-log).</summary>
    public static ChatHistory Open(string? path)
    {
        var history = new ChatHistory(path);
        if (path is null || !File.Exists(path)) return history;
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.Length > 0) history._entries.Add(Decode(line));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: start from nothing.
        }

        if (history._entries.Count > MaxEntries) history._entries.RemoveRange(0, history._entries.Count - MaxEntries);
        return history;
    }

    /// <summary>Adds a sent prompt (not twice in a row), and appends it to the file.</summary>
    public void Add(string prompt)
    {
        if (prompt.Trim().Length == 0 || (_entries.Count > 0 && _entries[^1] == prompt)) return;
        _entries.Add(prompt);
        if (_entries.Count > MaxEntries) _entries.RemoveAt(0);
        if (_path is null) return;
        try
        {
            string? folder = Path.GetDirectoryName(_path);
            if (folder is not null && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new StreamWriter(_path, new UTF8Encoding(false), options);
            file.Write(Encode(prompt) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The prompt is sent all the same.
        }
    }

    private static string Encode(string prompt) => prompt.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Decode(string line)
    {
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                text.Append(line[++i] == 'n' ? '\n' : line[i]);
                continue;
            }

            text.Append(line[i]);
        }

        return text.ToString();
    }
}
