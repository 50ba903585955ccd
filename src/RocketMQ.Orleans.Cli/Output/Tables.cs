using Spectre.Console;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>Table helpers: one look for every command.</summary>
internal static class Tables
{
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn($"[bold]{Markup.Escape(header)}[/]"));
        }

        return table;
    }

    /// <summary>Adds a row of plain values (escaped: topic names may hold '[').</summary>
    public static Table Row(this Table table, params object?[] cells)
    {
        table.AddRow(cells.Select(cell => Markup.Escape(Format(cell))).ToArray());
        return table;
    }

    public static string Format(object? value) => value switch
    {
        null => "-",
        double number => number.ToString("F2", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };

    /// <summary>A lag or diff figure: green when caught up, yellow otherwise.</summary>
    public static string Lag(long diff) => diff <= 0 ? $"[green]{diff}[/]" : $"[yellow]{diff}[/]";
}
