namespace ChargeController.PileSim;

internal static class Usage
{
    public const string Text = """
        usage:
          PileSim [--set key=value ...]            interactive simulated pile in real time (type 'help')
          PileSim run <scenario> [--trace <file>] [--set key=value ...] [--memory]
                                                   run a scenario on virtual time, JSON Lines trace to stdout or <file>;
                                                   --memory: bytes allocated at startup, per boot, per tick, to stderr
          PileSim keys [--markdown]                list every config key with its default and range
          PileSim bandwidth [--set key=value ...]  benchmark: MQTT bytes of an idle day and of a one-hour session
          PileSim --help | --version
        exit code: 0 done, 1 failed (a bad scenario, a file that cannot be read or written), 2 bad usage
        """;
}
