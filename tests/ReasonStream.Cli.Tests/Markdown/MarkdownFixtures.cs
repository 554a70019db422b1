namespace ReasonStream.Cli.Tests.Markdown;

/// <summary>Answers as models write them, to render: every construct the terminal view draws.</summary>
public static class MarkdownFixtures
{
    public const string Rich = """
        # Fermat's Last Theorem

        No positive integers **a**, *b* and `c` satisfy $a^n + b^n = c^n$ for $n > 2$; ~~Fermat~~ proved $n = 4$.
        A line break\
        by backslash, and a [link](https://example.org/paper "title") and <https://example.com/auto>.

        Setext heading
        --------------

        - First, **Frey** noticed a curve
        - Then *Ribet* proved it is not modular
          1. nested one
          2. nested two
        - [x] a task done
        - [ ] a task open

        > A quote that is long enough to be wrapped onto a second line when the terminal is narrow enough.
        > - with a list inside

        | who | year | what |
        |-----|-----:|:----:|
        | Wiles | 1994 | the proof of the semistable case, in two papers |
        | Taylor | 1995 | closing the gap |

        ```python
        def f(x):
            # a comment
            return "text" + str(42)
        ```

        $$
        \int_0^1 x_1^2 \, dx = \frac{1}{3}
        $$

        ***

        1. first
        2. second

           continued, loosely

        3. third
        Done, with 日本語 and emoji 🎉 and an image ![a diagram](https://example.org/d.png).
        """;

    public const string OpenFence = """
        Here is the code:

        ```cs
        var x = 1;
        	Console.WriteLine(x); // a tab
        """;

    public const string Lazy = """
        > quoted
        lazily continued

        para
        ===
        tail text that never ends with a newline
        """;

    public static TheoryData<string, string> All() => new()
    {
        { "rich", Rich },
        { "open fence", OpenFence },
        { "lazy", Lazy },
    };
}
