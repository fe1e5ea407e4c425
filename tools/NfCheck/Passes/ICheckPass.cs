namespace ChargeController.NfCheck.Passes;

/// <summary>One family of rules, run over one assembly; it reports through <see cref="CheckedAssembly.Report"/>.</summary>
public interface ICheckPass
{
    void Run(CheckedAssembly assembly);
}
