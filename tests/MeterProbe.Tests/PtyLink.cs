using ChargeController.TestSupport;
using ChargeController.Tools;

namespace ChargeController.MeterProbe.Tests;

/// <summary>The test's end of a pseudo-terminal as the serial link the simulated meter answers on.</summary>
internal sealed class PtyLink(PseudoTerminal pty) : ISerialLink
{
    public void Write(byte[] data, int count) => pty.Write(data, count);
    public int ReadByte(int timeoutMs) => pty.ReadByte(timeoutMs);
    public void DiscardInput() => pty.DiscardInput();
    public void Dispose() => pty.Dispose();
}
