using ChargeController.PileUpdate;
using ChargeController.Tools;

// Exit code: 0 done, 1 a failure (a file that cannot be read or written, a package that does not check out), 2 bad usage.
var cli = new CommandLine("PileUpdate", """
    usage: PileUpdate keygen --out <dir> [--key-id <id>]
           PileUpdate pack --key <update-private.pem> --version <major.minor.patch> --board <board> --expires-days <days>
                           --out <dir> [--package <name>] [--loader-min <n, 1>] [--allow-older] [--next-key <update-key.bin>] <file.pe>...
           PileUpdate --help | --version
      keygen: a new RSA-2048 signing key: <dir>/update-private.pem (PKCS#8, mode 600: keep it off the network) and
              <dir>/update-key.bin (the public key the piles hold); the key id defaults to op-<today>.
      pack:   manifest.json (the files' sizes and SHA-256, in load order: dependencies first, the entry assembly last),
              manifest.sig (RSASSA-PKCS1-v1_5 SHA-256) and copies of the files into <dir>, then checks the package with
              the pile's own code; the package name defaults to cc-<version>.
    """);

// `--version` is also pack's option: --help and --version are the tool's own only before a command.
var command = args.Length > 0 && !args[0].StartsWith('-');
return cli.Run(command ? Array.Empty<string>() : args, _ => Command(args));

// One verb a command: serve and rollout join here.
int Command(string[] arguments)
{
    if (arguments.Length == 0)
        return cli.Usage("name a command: keygen or pack");
    if (arguments.Contains("--help"))
        return cli.Run(new[] { "--help" }, _ => CommandLine.Ok);
    var options = Options.Parse(arguments[1..], out var problem);
    if (options == null)
        return cli.Usage(problem!);
    return arguments[0] switch
    {
        "keygen" => Keygen.Run(cli, options),
        "pack" => Pack.Run(cli, options),
        _ => cli.Usage($"unknown command '{arguments[0]}'"),
    };
}
