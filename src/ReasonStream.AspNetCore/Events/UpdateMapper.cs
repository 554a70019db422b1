namespace ReasonStream.AspNetCore;

/// <summary>
/// Turns the library's updates into relay events. Kinds the relay does not send (response started, metadata, raw
/// chunks, reasoning details) and kinds added to the library later are skipped, never an error. Usage reports are
/// not sent as they come (providers send partial, raw reports): the producer sends the library's merged, normalised
/// usage once, before the terminal event (<see cref="Usage"/>).
/// </summary>
internal static class UpdateMapper
{
    public static PendingEvent? Map(StreamUpdate update, long elapsed) => update switch
    {
        ReasoningDelta { Text.Length: > 0 } reasoning => PendingEvent.ForText(RelayEventKinds.Reasoning, reasoning.Text, elapsed),
        AnswerDelta { Text.Length: > 0 } answer => PendingEvent.ForText(RelayEventKinds.Answer, answer.Text, elapsed),
        ToolCallDelta call => PendingEvent.ForData(RelayEventKinds.ToolCall, EventData.ToolCall(call, elapsed), elapsed),
        StreamFinished finish => PendingEvent.ForData(RelayEventKinds.Finish, EventData.Finish(finish, elapsed), elapsed),
        _ => null,
    };

    public static PendingEvent Usage(TokenUsage usage, long elapsed) =>
        PendingEvent.ForData(RelayEventKinds.Usage, EventData.Usage(usage, elapsed), elapsed);

    public static PendingEvent Error(string kind, string message, long elapsed) =>
        PendingEvent.ForData(RelayEventKinds.Error, EventData.Error(kind, message, elapsed), elapsed);
}
