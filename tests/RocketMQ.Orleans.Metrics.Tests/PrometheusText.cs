using System.Globalization;

namespace RocketMQ.Orleans.Metrics.Tests;

/// <summary>
/// Prometheus' text exposition format, parsed just enough for assertions: every sample's metric name, labels and
/// value (comments and # TYPE / # HELP lines skipped). A parser of its own, so the test checks the wire text.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(IReadOnlyList<Sample> samples, string text)
    {
        Samples = samples;
        Text = text;
    }

    public IReadOnlyList<Sample> Samples { get; }

    public string Text { get; }

    public IReadOnlySet<string> MetricNames => Samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int braceOpen = line.IndexOf('{', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string rest;
            if (braceOpen >= 0 && (space < 0 || braceOpen < space))
            {
                int braceClose = line.LastIndexOf('}');
                name = line[..braceOpen];
                ParseLabels(line[(braceOpen + 1)..braceClose], labels);
                rest = line[(braceClose + 1)..].Trim();
            }
            else
            {
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }

            // "value" or "value timestamp".
            string valueText = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            double value = valueText switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(name, labels, value));
        }

        return new PrometheusText(samples, text);
    }

    /// <summary>Sum of the samples of <paramref name="name"/> whose labels include every pair of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Name) == label.Value))
            .Sum(sample => sample.Value);

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        int position = 0;
        while (position < text.Length)
        {
            int equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                return;
            }

            string name = text[position..equals].Trim().TrimStart(',').Trim();
            int quote = text.IndexOf('"', equals);
            var value = new System.Text.StringBuilder();
            int i = quote + 1;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    value.Append(text[i]);
                }
            }

            labels[name] = value.ToString();
            position = i + 1;
        }
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
