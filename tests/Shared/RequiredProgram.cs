namespace ChargeController.TestSupport;

/// <summary>
/// An external program a test needs (a real MQTT broker, say). When it is missing the test fails, never skips, and says
/// how to get it: the repository's test command installs every package listed in tests/packages.txt.
/// </summary>
public static class RequiredProgram
{
    public const string InstallCommand = "./test.sh";

    /// <returns>the program's full path on PATH</returns>
    /// <exception cref="InvalidOperationException">it is not installed; the message names the command that installs it</exception>
    /// <param name="firstIn">folders to look in before the PATH (a package's own bin folder)</param>
    public static string Find(string program, string debianPackage, params string[] firstIn)
    {
        // servers such as mosquitto install into sbin, which a user's PATH may leave out
        var searched = string.Join(Path.PathSeparator, firstIn.Append(Environment.GetEnvironmentVariable("PATH") ?? "").Append("/usr/sbin").Append("/usr/local/sbin"));
        foreach (var folder in searched.Split(Path.PathSeparator))
        {
            var path = Path.Combine(folder, program);
            if (folder.Length > 0 && File.Exists(path))
                return path;
        }
        throw new InvalidOperationException(
            $"{program} is not installed: run the tests with {InstallCommand}, which installs the Debian packages in " +
            $"tests/packages.txt (list {debianPackage} there), or apt-get install {debianPackage}");
    }
}
