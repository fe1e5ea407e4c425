using System.Diagnostics;
using System.Text;

namespace ChargeController.MqttLink.Tests;

/// <summary>A broker process the tests start, whose output and errors go, line by line, into a log for failure messages.</summary>
public static class LoggedProcess
{
    public static Process Start(ProcessStartInfo start, StringBuilder log)
    {
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
