namespace ChargeController.PileSim;

internal static class Usage
{
    public const string Text = """
        usage:
          PileSim [--set key=value ...] [--console-pty]
                                                   interactive simulated pile in real time (type 'help'); a line that
                                                   is not a verb goes to the technician console; --console-pty: the
                                                   console alone on a pseudo-terminal (its path is printed)
          PileSim run <scenario> [--trace <file>] [--set key=value ...] [--memory]
                                                   run a scenario on virtual time, JSON Lines trace to stdout or <file>;
                                                   --memory: bytes allocated at startup, per boot, per tick, to stderr
          PileSim keys [--markdown]                list every config key with its default and range
          PileSim --help | --version
        exit code: 0 done, 1 failed (a bad scenario, a file that cannot be read or written), 2 bad usage
        """;
}
