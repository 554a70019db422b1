namespace ReasonStream.Cli.Commands;

/// <summary>
/// What the command that ran tells the process's last word (<see cref="OutputCheck"/>), which runs after it: the log
/// row that holds the latest answer, to point to when stdout could not take it. One instance per run, made by Program.
/// </summary>
internal sealed class RunReport
{
    private long _answerLogId;

    /// <summary>The row holding the latest answer (what arrived of it); null when no answer was logged.</summary>
    public long? AnswerLogId => Interlocked.Read(ref _answerLogId) is > 0 and var id ? id : null;

    public void AnswerLogged(long id) => Interlocked.Exchange(ref _answerLogId, id);
}
