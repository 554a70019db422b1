namespace ReasonStream.Cli.Demo;

/// <summary>The demo's conversation, written by us (not a capture): two turns about Fermat's Last Theorem.</summary>
internal static class DemoScript
{
    public const string Model = "deepseek-flash";

    public static IReadOnlyList<DemoTurn> Turns { get; } =
    [
        new(
            "Explain the reasoning behind Fermat's Last Theorem.",
            """
            The user wants the reasoning behind Fermat's Last Theorem, not just the statement. Let me recall it: no positive integers a, b, c satisfy a^n + b^n = c^n for any integer n > 2. Fermat wrote in a margin around 1637 that he had a marvellous proof. For n = 2 there are infinitely many solutions, the Pythagorean triples, so the interesting part is why n > 2 is different.

            The actual proof, by Andrew Wiles in 1994 (with Richard Taylor closing a gap), goes through elliptic curves. Frey's idea: a solution would give a curve y^2 = x(x - a^n)(x + b^n) that is too strange to be modular. Ribet proved that such a curve cannot be modular. Wiles proved that semistable elliptic curves are all modular. Together: no such curve, so no solution.

            I should structure the answer: the statement, why it is easy to state but hard to prove, the bridge to elliptic curves, and the final contradiction. Keep it accessible.
            """,
            """
            Fermat's Last Theorem says that no positive whole numbers a, b and c satisfy aⁿ + bⁿ = cⁿ when n is greater than 2. For n = 2 there are endless solutions (3² + 4² = 5²), which is what makes the claim so striking.

            Why it resisted proof for 358 years. Checking cases gets you nowhere: Fermat himself settled n = 4, Euler n = 3, and 19th-century mathematicians whole families of exponents, but infinitely many remained. A proof had to explain why every exponent fails at once.

            The bridge. In 1984 Gerhard Frey noticed that a solution would produce an elliptic curve, y² = x(x − aⁿ)(x + bⁿ), with properties so unusual that it seemed impossible. In 1986 Ken Ribet proved that this curve could not be modular: it could not be matched with a modular form.

            The final step. Andrew Wiles, with Richard Taylor, proved in 1994 that every semistable elliptic curve is modular. Frey's curve would be semistable, so it would have to be modular, and by Ribet it cannot be. The curve cannot exist, so neither can the solution.

            In short: a counterexample would create an object that two deep theorems forbid.
            """,
            PromptTokens: 18,
            CachedPromptTokens: 0),
        new(
            "Could Fermat's own proof have worked?",
            """
            A follow-up about the margin note. Nobody knows what Fermat had in mind, but historians agree he most likely had a flawed argument. He later wrote out a proof only for n = 4, by infinite descent, which he would hardly have bothered with if he had a general proof. The tempting general arguments fail: unique factorization breaks down in the integers extended by roots of unity, which sank Lamé's proof in 1847, as Kummer showed. The tools Wiles used did not exist until the 20th century. Two short paragraphs.
            """,
            """
            Almost certainly not. Fermat only ever wrote out the case n = 4, proved by his method of infinite descent, and he never mentioned a general proof again. Someone holding a proof for every exponent would hardly bother writing out a single case.

            The tempting "simple" proofs all fail at the same place: they factor aⁿ + bⁿ using complex roots of unity and assume that factorization is unique, as it is for ordinary integers. In 1847 Ernst Kummer showed that it is not unique in general, which sank Gabriel Lamé's proof and probably the idea Fermat had too. The argument that finally worked needed elliptic curves and modular forms: mathematics three centuries younger than the margin note.
            """,
            PromptTokens: 262,
            CachedPromptTokens: 256),
    ];
}
