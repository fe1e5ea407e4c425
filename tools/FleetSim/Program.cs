using ChargeController.FleetSim;
using ChargeController.Tools;

var cli = new CommandLine("FleetSim", Usage.Text);
return cli.Run(args, args =>
{
    var options = FleetOptions.Parse(args, out var problem);
    return options == null ? cli.Usage(problem!) : CountyRun.Run(cli, options);
});
