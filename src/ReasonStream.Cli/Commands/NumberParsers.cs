using System.CommandLine.Parsing;
using System.Globalization;

namespace ReasonStream.Cli.Commands;

/// <summary>Number parsing for options, with messages a person can read (not "System.Nullable`1[System.Int32]").</summary>
internal static class NumberParsers
{
    public static int? WholeNumber(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{OptionName(result)} expects a whole number, not '{text}'.");
        return null;
    }

    public static double? Decimal(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return value;
        result.AddError($"{OptionName(result)} expects a number, not '{text}'.");
        return null;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "The value";
}
