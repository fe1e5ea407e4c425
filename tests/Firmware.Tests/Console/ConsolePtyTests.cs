using System.Diagnostics;
using System.Text;
using ChargeController.Tools;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// End to end, as a technician's terminal program meets the pile: PileSim runs as its own process with --console-pty,
/// and the test opens the pseudo-terminal it names (raw, like picocom) and types, byte by byte through the kernel's
/// terminal layer: commissioning with the factory PIN, a login with the new PIN, a config change and its effect.
/// </summary>
public class ConsolePtyTests
{
    private const int WaitMs = 15_000;

    [Fact]
    public async Task ATerminalProgramCommissionsThePileAndChangesAConfigValue()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PileSim.dll"));
        start.ArgumentList.Add("--console-pty");
        using var process = Process.Start(start)!;
        var trace = new StringBuilder();
        var pathFound = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
                return;
            lock (trace)
                trace.Append(e.Data).Append('\n');
            if (e.Data.StartsWith("console on "))
                pathFound.TrySetResult(e.Data.Substring("console on ".Length).Split(' ')[0]);
        };
        process.BeginOutputReadLine();
        try
        {
            var path = await pathFound.Task.WaitAsync(TimeSpan.FromMilliseconds(WaitMs));
            using var terminal = PseudoTerminal.Attach(path);
            var screen = new Screen(terminal);

            screen.Type("\r");
            screen.Expect("pile> ");
            screen.Type("login\r");
            screen.Expect("PIN: ");
            screen.Type("000000\r");
            screen.Expect("logged in with the factory PIN: only 'pin change' is allowed until a technician PIN is set\r\npile# ");
            screen.Type("pin change\r");
            screen.Expect("new PIN: ");
            screen.Type("482913\r");
            screen.Expect("new PIN again: ");
            screen.Type("482913\r");
            screen.Expect("PIN changed; logged in\r\npile# ");
            screen.Type("logout\r");
            screen.Expect("logged out\r\npile> ");
            screen.Type("login\r");
            screen.Expect("PIN: ");
            screen.Type("482913\n"); // another terminal's Enter
            screen.Expect("logged in\r\npile# ");
            screen.Type("config set pile.ratedCurrentA 16\r\n");
            screen.Expect("stored pile.ratedCurrentA=16; it applies at the next reboot\r\npile# ");
            screen.Type("config get pile.ratedCurrentA\r");
            screen.Expect("value         16\r\n");

            Assert.Contains("PIN: ******\r\n", screen.Text);
            Assert.DoesNotContain("482913", screen.Text);
            Assert.DoesNotContain("000000", screen.Text);
            process.StandardInput.Close();
            await process.WaitForExitAsync(new CancellationTokenSource(WaitMs).Token);
            Assert.Equal(0, process.ExitCode);
            var printed = trace.ToString();
            Assert.Contains("console    config set pile.ratedCurrentA 16 accepted\n", printed);
            Assert.Contains("console  | value         16\n", printed);
            Assert.DoesNotContain("482913", printed);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    /// <summary>What the terminal program has shown so far.</summary>
    private sealed class Screen(PseudoTerminal terminal)
    {
        private readonly StringBuilder _shown = new();
        private int _expectedTo;

        public string Text => _shown.ToString();

        public void Type(string keys) => terminal.Write(Encoding.ASCII.GetBytes(keys), keys.Length);

        /// <summary>Waits until <paramref name="text"/> shows after what was expected last.</summary>
        public void Expect(string text)
        {
            var buffer = new byte[256];
            var deadline = Environment.TickCount64 + WaitMs;
            while (true)
            {
                var at = _shown.ToString().IndexOf(text, _expectedTo, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _expectedTo = at + text.Length;
                    return;
                }
                Assert.True(Environment.TickCount64 < deadline, $"the console did not show '{text}'; it showed:\n{_shown}");
                var count = terminal.Read(buffer, 0, buffer.Length, 100);
                _shown.Append(Encoding.ASCII.GetString(buffer, 0, count));
            }
        }
    }
}
