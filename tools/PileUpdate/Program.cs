using ChargeController.PileUpdate;
using ChargeController.Tools;

// Exit code: 0 done, 1 a failure (a file that cannot be read or written, a package that does not check out), 2 bad usage.
var cli = new CommandLine("PileUpdate", """
    usage: PileUpdate keygen --out <dir> [--key-id <id>]
           PileUpdate pack --key <update-private.pem> --version <major.minor.patch> --board <board> --expires-days <days>
                           --out <dir> [--package <name>] [--loader-min <n, 1>] [--allow-older] [--next-key <update-key.bin>] <file.pe>...
           PileUpdate serve --broker <host:port> [--user <name> --password <secret>] [--tls-ca <pem>] <package dir>...
           PileUpdate rollout --broker <host:port> [--user --password --tls-ca] --package <dir> --canary <id,id>
                              --waves township --piles <file> | --waves list:<file>  --stop-after <N>%
                              [--ttl-s <update command's ttlS, 3600>] [--wave-timeout-min <240>] [--window <HH:MM-HH:MM>]
           PileUpdate --help | --version
      keygen: a new RSA-2048 signing key: <dir>/update-private.pem (PKCS#8, mode 600: keep it off the network) and
              <dir>/update-key.bin (the public key the piles hold); the key id defaults to op-<today>.
      pack:   manifest.json (the files' sizes and SHA-256, in load order: dependencies first, the entry assembly last),
              manifest.sig (RSASSA-PKCS1-v1_5 SHA-256) and copies of the files into <dir>, then checks the package with
              the pile's own code; the package name defaults to cc-<version>.
      serve:  answers the piles' chunk requests (piles/+/update/get) from the package folders until interrupted; as the
              platform's user (only it may publish piles/+/update/data).
      rollout: sends the update command to the canaries, then wave after wave (township: the pile id without its last
              '-' part; list: one wave a line), serves the chunks and watches the piles' update events and statuses; stops
              when a canary fails or more than N% of the piles offered fail; a progress bar, then a table per pile.
              --window: the piles switch to the new version only between these local times (a fetched package waits).
              Exit 0 when every pile confirmed, 1 when not (stopped, or a pile failed).
    """);

// `--version` is also pack's option: --help and --version are the tool's own only before a command.
var command = args.Length > 0 && !args[0].StartsWith('-');
return cli.Run(command ? Array.Empty<string>() : args, _ => Command(args));

int Command(string[] arguments)
{
    if (arguments.Length == 0)
        return cli.Usage("name a command: keygen, pack, serve or rollout");
    if (arguments.Contains("--help"))
        return cli.Run(new[] { "--help" }, _ => CommandLine.Ok);
    var options = Options.Parse(arguments[1..], out var problem);
    if (options == null)
        return cli.Usage(problem!);
    return arguments[0] switch
    {
        "keygen" => Keygen.Run(cli, options),
        "pack" => Pack.Run(cli, options),
        "serve" => Serve.Run(cli, options),
        "rollout" => Rollout.Run(cli, options),
        _ => cli.Usage($"unknown command '{arguments[0]}'"),
    };
}
