using System.CommandLine;
using System.Globalization;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// Range rules on option values, as System.CommandLine validators: a value out of range is a parse error like a malformed
/// one (one line, a pointer to --help, exit code 1), found before anything runs.
/// </summary>
internal static class OptionRules
{
    /// <summary>Rejects a given value for which <paramref name="valid"/> is false, with <paramref name="message"/> (its <c>{0}</c> is the value).</summary>
    public static Option<T?> Require<T>(this Option<T?> option, Func<T, bool> valid, string message)
        where T : struct, IFormattable
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return; // absent
            T? value;
            try
            {
                value = result.GetValueOrDefault<T?>();
            }
            catch (InvalidOperationException)
            {
                return; // malformed: its parser said so already
            }

            if (value is { } given && !valid(given))
            {
                result.AddError(string.Format(CultureInfo.InvariantCulture, message, given.ToString(null, CultureInfo.InvariantCulture)));
            }
        });
        return option;
    }
}
