namespace ReasonStream.Testing;

/// <summary>What the server answers once every scripted response has been served.</summary>
public enum ExhaustedScriptBehavior
{
    /// <summary>
    /// Answer HTTP 500 with a JSON error body whose <c>error.type</c> is <c>replay_script_exhausted</c>,
    /// so an unexpected extra request fails loudly. The default.
    /// </summary>
    RespondWithError,

    /// <summary>Serve the last scripted response again for every further request.</summary>
    RepeatLastResponse,
}
