namespace ChargeController.PileSim;

internal static class Usage
{
    public const string Text = """
        usage:
          PileSim [--set key=value ...] [--console-pty] [--state <folder>] [<broker>]
                                                   interactive simulated pile in real time (type 'help'); a line that
                                                   is not a verb goes to the technician console; --console-pty: the
                                                   console alone on a pseudo-terminal (its path is printed); without
                                                   --broker it gets an embedded MQTT broker and prints how to watch it
          PileSim run <scenario> [--trace <file>] [--set key=value ...] [--memory] [--state <folder>] [<broker>]
                                                   run a scenario on virtual time, JSON Lines trace to stdout or <file>;
                                                   --memory: bytes allocated at startup, per boot, per tick, to stderr
        --state <folder>                           the pile's flash kept between runs (made if missing): a restart boots
                                                   from it (boot 2, PowerLoss, its events numbered on); without it every
                                                   run is a pile on an empty flash (boot 1, PowerOn)
          PileSim generate --seed <S> --count <N> --out <folder>
                                                   write N random valid scenarios, random-S.scn .. random-(S+N-1).scn,
                                                   each up to 20 minutes of virtual time; the same seed always gives
                                                   the same scenario (docs/device-fidelity.md)
          PileSim keys [--markdown]                list every config key with its default and range
          PileSim bandwidth [--set key=value ...]  benchmark: MQTT bytes of an idle day and of a one-hour session
          PileSim --help | --version
        <broker>: the pile's link goes to a real MQTT broker ('link down' cuts the connection, 'link up' restores it)
          --broker host:port                       the broker (run: at the end, up to 10 s for the outbox to drain)
          --tls-ca <pem>                           TLS 1.2; the broker's certificate must chain to this CA
          --user <name> --password <secret>        the pile's credentials on the broker
          --pile-id <id>                           the pile's id in its topics (piles/<id>/...) and client id (cc-0001)
        exit code: 0 done, 1 failed (a bad scenario, a file that cannot be read or written, a broker that cannot be
        reached), 2 bad usage
        """;
}
