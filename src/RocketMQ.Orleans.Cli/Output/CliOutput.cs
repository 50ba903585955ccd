using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RocketMQ.Orleans.Cli.Output;

/// <summary>
/// Where a command writes: the invocation's output and error writers (the terminal, or a test's StringWriter), with
/// Spectre.Console consoles over them for tables, colours and progress. Colours and live progress only on a real
/// terminal; redirected output gets plain, wide tables, and <c>--json</c> gets JSON alone on stdout.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private CliOutput(TextWriter output, TextWriter error, bool json)
    {
        Out = output;
        Error = error;
        Json = json;
        Console = CreateConsole(output, ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected);
        ErrorConsole = CreateConsole(error, ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>The command asked for JSON (<c>--json</c>).</summary>
    public bool Json { get; }

    /// <summary>Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Spectre console over <see cref="Error"/>: progress and status go here so stdout stays parseable.</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>Live widgets (progress bars, spinners) make sense: stderr is a terminal.</summary>
    public bool Interactive => ErrorConsole.Profile.Capabilities.Interactive;

    public static CliOutput For(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        bool json = parseResult.CommandResult.Command.Options.Contains(CliOptions.Json) && parseResult.GetValue(CliOptions.Json);
        return new CliOutput(configuration.Output, configuration.Error, json);
    }

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    public void Write(IRenderable renderable) => Console.Write(renderable);

    /// <summary>The data as JSON with <c>--json</c>, otherwise as the table <paramref name="render"/> builds.</summary>
    public void Write<T>(T data, Func<T, IRenderable> render)
    {
        if (Json)
        {
            WriteJson(data);
        }
        else
        {
            Console.Write(render(data));
        }
    }

    public void WriteError(string message) => ErrorConsole.MarkupLine($"[red]rmq:[/] {Markup.Escape(message)}");

    public void WriteSuccess(string message)
    {
        if (!Json)
        {
            Console.MarkupLine($"[green]{Markup.Escape(message)}[/]");
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // A pipe or file has no width: do not wrap table rows at 80 columns.
            console.Profile.Width = 240;
        }

        return console;
    }
}
