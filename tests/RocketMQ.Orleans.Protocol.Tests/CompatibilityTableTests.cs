using System.Reflection;
using System.Text.RegularExpressions;
using RocketMQ.Orleans.Protocol.Remoting;

namespace RocketMQ.Orleans.Protocol.Tests;

/// <summary>docs/compatibility.md must have a row for every request code this code base knows, so the table cannot drift.</summary>
public sealed partial class CompatibilityTableTests
{
    private static readonly string[] Statuses = ["served", "not served", "client", "as Apache, feature off"];

    [GeneratedRegex(@"^\|\s*(\d+)\s*\|\s*([A-Z0-9_]+)\s*\|\s*([BN]|client)\s*\|\s*([^|]+?)\s*\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static string FindTable()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "compatibility.md");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException("docs/compatibility.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_request_code_has_a_row_with_a_known_status()
    {
        var rows = Row().Matches(FindTable()).ToDictionary(match => int.Parse(match.Groups[1].Value), match => match.Groups[4].Value);
        var codes = typeof(RequestCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(int))
            .Select(field => (Name: field.Name, Code: (int)field.GetRawConstantValue()!))
            .ToList();

        Assert.NotEmpty(codes);
        Assert.Empty(codes.Where(code => !rows.ContainsKey(code.Code)).Select(code => $"{code.Code} {code.Name}"));
        Assert.All(rows, row => Assert.Contains(row.Value, Statuses));
    }
}
