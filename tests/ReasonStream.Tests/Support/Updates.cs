namespace ReasonStream.Tests.Support;

public static class Updates
{
    public static ChatRequest Ask(string question = "Why?", string model = "deepseek-flash") => new(model, [Message.User(question)]);

    public static async Task<List<StreamUpdate>> CollectAsync(this ReasoningClient client, ChatRequest? request = null)
    {
        var list = new List<StreamUpdate>();
        await foreach (var update in client.StreamAsync(request ?? Ask())) list.Add(update);
        return list;
    }

    /// <summary>The updates that carry content, with adjacent text deltas joined — the part that must not depend on how bytes were split.</summary>
    public static List<string> Normalized(IEnumerable<StreamUpdate> updates)
    {
        var result = new List<string>();
        foreach (var update in updates)
        {
            string? item = update switch
            {
                ReasoningDelta r => "R:" + r.Text,
                AnswerDelta a => "A:" + a.Text,
                ToolCallDelta t => $"T:{t.Index}:{t.Id}:{t.Name}:{t.ArgumentsFragment}:{t.Signature}",
                UsageUpdate u => "U:" + u.Usage,
                StreamFinished f => "F:" + f.FinishReason,
                ReasoningDetailsDelta d => "D:" + d.Json,
                ReasoningBlockEnd b => $"B:{b.Protocol}:{b.Signature}:{b.EncryptedContent}:{b.IsRedacted}:{b.ItemJson}",
                _ => null,
            };
            if (item is null) continue;
            if (result.Count > 0 && item.Length > 2 && item[1] == ':' && (item[0] is 'R' or 'A') && result[^1][0] == item[0])
            {
                result[^1] += item[2..];
            }
            else result.Add(item);
        }

        return result;
    }
}
