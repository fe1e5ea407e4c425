using ChargeController.CountyLedger;
using ChargeController.Tools;

var cli = new CommandLine("CountyLedger", Usage.Text);
return cli.Run(args, args =>
{
    if (args.Length == 0)
        return cli.Usage("a verb is needed");
    var options = LedgerOptions.Parse(args.Skip(1).ToArray(), out var problem);
    if (options == null)
        return cli.Usage(problem!);
    return args[0] switch
    {
        "listen" => LedgerCommands.Listen(cli, options),
        "bench" => LedgerBench.Run(cli, options),
        "energy" or "trouble" or "utilisation" or "reconcile" or "counters" or "report" => LedgerCommands.Answer(cli, args[0], options),
        _ => cli.Usage($"unknown verb '{args[0]}'"),
    };
});
