namespace ChargeController.MqttLink.Tests;

/// <summary>
/// The broker configuration of docs/deployment.md, as it stands there: each file is the fenced block after a
/// `&lt;!-- mosquitto: name --&gt;` line. The tests run mosquitto from it, so the page cannot drift from what is proven.
/// </summary>
public static class DeploymentDoc
{
    private static readonly string Text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "deployment.md"));

    /// <summary>The content of the file the page shows under <paramref name="name"/> for <paramref name="broker"/>.</summary>
    public static string FileNamed(string name, string broker = "mosquitto")
    {
        var marker = "<!-- " + broker + ": " + name + " -->\n```\n";
        var start = Text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException("docs/deployment.md shows no file '" + name + "' (a '" + marker.TrimEnd() + "' block)");
        start += marker.Length;
        return Text[start..(Text.IndexOf("```\n", start, StringComparison.Ordinal))];
    }

    /// <summary>The shell commands the page shows under <paramref name="name"/> (a `&lt;!-- shell: name --&gt;` block), one a line.</summary>
    public static string[] CommandsNamed(string name)
    {
        var marker = "<!-- shell: " + name + " -->\n";
        var start = Text.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException("docs/deployment.md shows no commands '" + name + "' (a '" + marker.TrimEnd() + "' block)");
        var lines = Text[(start + marker.Length)..].Split('\n').Select(line => line.Trim());
        return lines.Skip(1).TakeWhile(line => line != "```").ToArray(); // the first line opens the fence
    }

    /// <summary><paramref name="text"/> with <paramref name="documented"/> replaced, which must be there.</summary>
    public static string Replace(string text, string documented, string replacement) =>
        text.Contains(documented, StringComparison.Ordinal)
            ? text.Replace(documented, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException("docs/deployment.md's mosquitto configuration no longer has '" + documented + "'");
}
