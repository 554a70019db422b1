namespace ReasonStream.Tests.Conversations;

/// <summary>Each provider's rule for sending reasoning back, applied in one place.</summary>
public sealed class HistoryRuleTests
{
    private static readonly ToolCall Call = new("call_1", "get_weather", "{}");

    private static Conversation ToolLoop(ReasoningHistoryRule rule) => new Conversation(rule)
        .AddSystem("sys")
        .AddUser("Q1")
        .Add(Message.Assistant("A1", reasoning: "R1"))                 // turn 1: no tools
        .AddUser("Q2")
        .Add(Message.Assistant(null, reasoning: "", toolCalls: [Call])) // turn 2: tools, empty reasoning
        .AddToolResult("call_1", "{\"t\":21}")
        .Add(Message.Assistant("A2", reasoning: "R2b"))
        .AddUser("Q3");

    [Fact]
    public void DeepSeek_keeps_reasoning_only_on_assistant_messages_of_tool_calling_turns_even_when_empty()
    {
        var sent = ToolLoop(ReasoningHistoryRule.ToolCallTurns).ToRequestMessages();
        Assert.Equal(8, sent.Count);
        Assert.Null(sent[2].ReasoningContent);       // A1: turn without tools
        Assert.Equal("", sent[4].ReasoningContent);  // tool-call message: "" must still be sent
        Assert.Equal("R2b", sent[6].ReasoningContent); // answer of the tool-calling turn
        Assert.All(sent, m => Assert.Null(m.ReasoningDetails));
    }

    [Fact]
    public void DeepSeek_tool_call_with_no_recorded_reasoning_still_sends_empty_reasoning()
    {
        var sent = ReasoningHistory.Apply([Message.User("Q"), Message.Assistant(null, toolCalls: [Call]), Message.Tool("call_1", "r")], ReasoningHistoryRule.ToolCallTurns);
        Assert.Equal("", sent[1].ReasoningContent);
    }

    [Fact]
    public void OpenRouter_passes_reasoning_details_back_unchanged()
    {
        const string details = "[{\"type\":\"reasoning.text\",\"text\":\"R\",\"signature\":\"s\"}]";
        var sent = ReasoningHistory.Apply([Message.User("Q"), Message.Assistant("A", "R") with { ReasoningDetails = details }], ReasoningHistoryRule.ReasoningDetails);
        Assert.Equal(details, sent[1].ReasoningDetails);
        Assert.Null(sent[1].ReasoningContent);
    }

    [Fact]
    public void Never_strips_all_reasoning_and_Always_keeps_it()
    {
        Assert.All(ToolLoop(ReasoningHistoryRule.Never).ToRequestMessages(), m => Assert.Null(m.ReasoningContent));
        var always = ToolLoop(ReasoningHistoryRule.Always).ToRequestMessages();
        Assert.Equal("R1", always[2].ReasoningContent);
        Assert.Equal("R2b", always[6].ReasoningContent);
    }

    [Fact]
    public void Conversation_keeps_everything_it_was_given()
    {
        var conversation = ToolLoop(ReasoningHistoryRule.Never);
        Assert.Equal("R1", conversation.Messages[2].ReasoningContent);
        Assert.Equal(Providers.DeepSeek.HistoryRule, new Conversation(Providers.DeepSeek).Rule);
    }

    [Fact]
    public void A_result_becomes_an_assistant_message_with_its_reasoning_and_calls()
    {
        var message = new ChatResult { Reasoning = "R", Answer = "", ToolCalls = [Call], FinishReason = "tool_calls" }.ToAssistantMessage();
        Assert.Null(message.Content);
        Assert.Equal("R", message.ReasoningContent);
        Assert.Equal([Call], message.ToolCalls);
    }

    [Fact]
    public void A_failed_tool_call_stays_a_failure_in_the_request()
    {
        var conversation = new Conversation(Providers.Anthropic).AddUser("Weather?").AddToolError("call_1", "timed out");

        var sent = conversation.ToRequestMessages()[^1];

        Assert.Equal((MessageRole.Tool, "call_1", "timed out", true), (sent.Role, sent.ToolCallId, sent.Content, sent.IsError));
    }
}
