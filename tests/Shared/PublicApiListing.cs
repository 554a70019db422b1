using System.Reflection;
using System.Text;

namespace ReasonStream.Tests.Shared;

/// <summary>
/// A stable text listing of an assembly's public surface, compared with a checked-in PublicAPI.txt so every
/// change to a shipped surface is deliberate. Shared (as source) by the test projects of each shipped library.
/// </summary>
internal static class PublicApiListing
{
    /// <summary>Asserts the listing equals the file; with UPDATE_PUBLIC_API=1 rewrites the file first.</summary>
    public static void AssertMatches(Assembly assembly, string path)
    {
        string actual = Describe(assembly);
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1") File.WriteAllText(path, actual);
        string expected = File.Exists(path) ? File.ReadAllText(path) : "";
        Xunit.Assert.True(expected == actual, "The public API changed. If intended, run the tests with UPDATE_PUBLIC_API=1 and commit " + Path.GetFileName(path) + ".\n" + Diff(expected, actual));
    }

    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            string kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
            string baseType = type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + Name(b) : "";
            lines.Add($"{kind} {type.FullName}{baseType}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags).Select(Member).Where(m => m is not null).Order(StringComparer.Ordinal))
            {
                lines.Add("  " + member);
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m when !m.IsSpecialName && m.Name != "<Clone>$" => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : "")}}}",
        FieldInfo f when f.DeclaringType!.IsEnum => f.IsSpecialName ? null : $"{f.Name} = {f.GetRawConstantValue()}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + (p.DefaultValue ?? (p.ParameterType.IsValueType ? "default" : "null")) : "")));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return type.IsArray ? Name(type.GetElementType()!) + "[]" : type.IsByRef ? Name(type.GetElementType()!) + "&" : type.Name;
    }

    private static string Diff(string expected, string actual)
    {
        var before = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
        var after = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var line in after.Where(l => !before.Contains(l))) builder.Append("+ ").AppendLine(line);
        foreach (var line in before.Where(l => !after.Contains(l))) builder.Append("- ").AppendLine(line);
        return builder.ToString();
    }
}
