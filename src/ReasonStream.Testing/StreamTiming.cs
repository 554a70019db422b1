using System.Globalization;
using System.Text;

namespace ReasonStream.Testing;

/// <summary>
/// When each part of a recorded response body arrived, so a replay can reproduce the original pacing.
/// Stored next to the body in a sidecar file (<see cref="SidecarPathFor"/>: the body's path plus <c>.timing</c>).
/// </summary>
/// <remarks>
/// <para>The sidecar is UTF-8 text, one <see cref="TimingMark"/> per line:</para>
/// <code>
/// # reasonstream-timing v1
/// # byteOffset&lt;TAB&gt;millisecondsSinceHeaders
/// 412	183.25
/// 977	201
/// </code>
/// <para>
/// Each line reads "by this many milliseconds after the response headers arrived, this many body bytes had been
/// received in total". Offsets and times never decrease. Milliseconds may have a fractional part (invariant
/// culture, <c>.</c> as separator). Fields are separated by a tab (any run of spaces or tabs is accepted).
/// Blank lines and lines starting with <c>#</c> are ignored. A recorder writes one line per network read,
/// which is exactly what <see cref="StreamTimingRecorder"/> does.
/// </para>
/// <para>
/// On replay (<see cref="ReplayPacing.Recorded"/>), each mark's offset becomes a write boundary and the bytes
/// up to it are written at its time (divided by the speed factor), measured from when the body starts.
/// </para>
/// </remarks>
public sealed class StreamTiming
{
    /// <summary>The first line written to every sidecar.</summary>
    public const string Header = "# reasonstream-timing v1";

    /// <summary>The extension appended to a body's path to name its sidecar.</summary>
    public const string SidecarExtension = ".timing";

    /// <summary>Creates a timing from marks in arrival order.</summary>
    /// <param name="marks">Marks whose offsets and times never decrease.</param>
    /// <exception cref="ArgumentException">A mark is negative or goes backwards.</exception>
    public StreamTiming(IEnumerable<TimingMark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var list = marks.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            var problem = Validate(list[i], i == 0 ? null : list[i - 1]);
            if (problem is not null) throw new ArgumentException($"Timing mark {i}: {problem}", nameof(marks));
        }

        Marks = list;
    }

    /// <summary>The marks, in arrival order.</summary>
    public IReadOnlyList<TimingMark> Marks { get; }

    /// <summary>The sidecar path for a recorded body: <paramref name="bodyPath"/> + <c>.timing</c>.</summary>
    /// <param name="bodyPath">Path of the recorded body, e.g. <c>run.sse</c>.</param>
    public static string SidecarPathFor(string bodyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(bodyPath);
        return bodyPath + SidecarExtension;
    }

    /// <summary>Reads a sidecar file.</summary>
    /// <param name="path">Path of the <c>.timing</c> file itself.</param>
    /// <exception cref="FormatException">A line is malformed or goes backwards.</exception>
    public static StreamTiming Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader);
    }

    /// <summary>Parses sidecar text.</summary>
    /// <param name="text">The whole sidecar content.</param>
    /// <exception cref="FormatException">A line is malformed or goes backwards.</exception>
    public static StreamTiming Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader);
    }

    /// <summary>Reads sidecar text to the end.</summary>
    /// <param name="reader">Where the text comes from.</param>
    /// <exception cref="FormatException">A line is malformed or goes backwards.</exception>
    public static StreamTiming Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var marks = new List<TimingMark>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;

            var mark = ParseLine(trimmed) ?? throw new FormatException(
                $"Timing line {lineNumber} is not 'byteOffset<TAB>milliseconds': '{line}'.");
            var problem = Validate(mark, marks.Count == 0 ? null : marks[^1]);
            if (problem is not null) throw new FormatException($"Timing line {lineNumber}: {problem}");
            marks.Add(mark);
        }

        return new StreamTiming(marks);
    }

    /// <summary>Writes this timing in the sidecar format, header line included.</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        writer.Write("# byteOffset\tmillisecondsSinceHeaders\n");
        foreach (var mark in Marks)
        {
            writer.Write(mark.ByteOffset.ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(mark.Elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>Writes this timing to a sidecar file, replacing it.</summary>
    /// <param name="path">Path of the <c>.timing</c> file itself (see <see cref="SidecarPathFor"/>).</param>
    public void Save(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteTo(writer);
    }

    /// <summary>The sidecar text, header line included.</summary>
    public override string ToString()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(writer);
        return writer.ToString();
    }

    private static TimingMark? ParseLine(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2) return null;
        if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return null;
        if (!double.TryParse(fields[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var milliseconds)) return null;
        return new TimingMark(offset, TimeSpan.FromMilliseconds(milliseconds));
    }

    private static string? Validate(TimingMark mark, TimingMark? previous)
    {
        if (mark.ByteOffset < 0) return "the byte offset is negative.";
        if (mark.Elapsed < TimeSpan.Zero) return "the time is negative.";
        if (previous is { } before && mark.ByteOffset < before.ByteOffset) return "the byte offset goes backwards.";
        if (previous is { } earlier && mark.Elapsed < earlier.Elapsed) return "the time goes backwards.";
        return null;
    }
}
