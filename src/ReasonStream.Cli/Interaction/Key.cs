namespace ReasonStream.Cli.Interaction;

/// <summary>What a key press (or a paste) asks of the line editor.</summary>
internal enum KeyAction
{
    Insert,
    Paste,
    Submit,
    NewLine,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Up,
    Down,
    Backspace,
    Delete,
    DeleteWordBefore,
    DeleteWordAfter,
    DeleteToStart,
    DeleteToEnd,
    Yank,
    Interrupt,
    EndOfInput,
    Search,
    Cancel,
    ClearScreen,
    Ignored,
}

/// <summary>One key (or a whole bracketed paste) as the editor sees it; <see cref="Text"/> for insertions and pastes.</summary>
internal readonly record struct Key(KeyAction Action, string Text = "");
