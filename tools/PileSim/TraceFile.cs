namespace ChargeController.PileSim;

/// <summary>Checks a trace path before a run, so a long run never ends in a file that cannot be written.</summary>
internal static class TraceFile
{
    /// <returns>null when the trace can be written there, else what is wrong and what to do</returns>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path))
            return $"--trace {path} is a directory: name a file, e.g. {Path.Combine(path, "trace.jsonl")}";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null && !Directory.Exists(folder))
            return $"--trace {path}: the folder {folder} does not exist; create it or name a file in an existing folder";
        return null;
    }
}
