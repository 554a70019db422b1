namespace ReasonStream.Tests.Support;

/// <summary>A fact that needs ../shared/captures: skipped, with the reason, when the folder is not beside the repo.</summary>
public sealed class CapturesFactAttribute : FactAttribute
{
    public CapturesFactAttribute()
    {
        if (!Captures.Available) Skip = "The recorded provider streams are not at " + Captures.Folder;
    }
}

/// <summary>A theory over ../shared/captures: skipped, with the reason, when the folder is not beside the repo.</summary>
public sealed class CapturesTheoryAttribute : TheoryAttribute
{
    public CapturesTheoryAttribute()
    {
        if (!Captures.Available) Skip = "The recorded provider streams are not at " + Captures.Folder;
    }
}
