using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChargeController.Firmware.Link;

namespace ChargeController.PileSim.Broker;

/// <summary>
/// The broker PileSim connects the pile to, from --broker host:port (or a comma-separated list of them, which the pile
/// fails over between as a device does with provision.txt's list), --tls-ca, --user, --password and --pile-id, checked
/// before anything runs. No --broker: the interactive pile gets an embedded broker; `run` keeps the simulated one.
/// </summary>
/// <param name="Brokers">the brokers --broker named, in its order; empty for the embedded or simulated one</param>
/// <param name="Mqtt311">speak MQTT 3.1.1 to them (a broker without MQTT 5); MQTT 5 otherwise</param>
public sealed record BrokerSettings(IReadOnlyList<(string Host, int Port)> Brokers, string? TlsCaPath, string? User, string? Password, string PileId,
    bool Mqtt311 = false)
{
    /// <summary>The pile's id when --pile-id does not name one (the id of the examples in docs/mqtt-api.md).</summary>
    public const string DefaultPileId = "cc-0001";
    /// <summary>The longest pile id the encoders budget for (MessageEncoder.MaxBytes).</summary>
    public const int MaxPileIdLength = 32;

    /// <summary>A real broker was named; otherwise the embedded one (interactive) or the simulated one (run).</summary>
    public bool External => Brokers.Count > 0;

    /// <summary>The list as --broker gives it: host:port,host:port.</summary>
    public string Addresses => string.Join(",", Brokers.Select(b => (b.Host.Contains(':') ? $"[{b.Host}]" : b.Host) + ":" + b.Port));

    /// <summary>The broker options as given, checked.</summary>
    /// <param name="embeddedWhenAbsent">interactive: without --broker the pile gets an embedded broker, which
    /// --pile-id names the pile on; in `run` the broker options need --broker</param>
    /// <param name="problem">what is wrong with the command line, else null</param>
    /// <returns>the settings; null when no broker was asked for (or on a problem)</returns>
    public static BrokerSettings? From(ChosenOptions chosen, bool embeddedWhenAbsent, out string? problem)
    {
        problem = null;
        if (chosen.Broker == null)
        {
            var needsBroker = chosen.TlsCa != null ? "--tls-ca" : chosen.User != null ? "--user" : chosen.Password != null ? "--password"
                : chosen.PileId != null && !embeddedWhenAbsent ? "--pile-id" : null;
            if (needsBroker != null)
            {
                problem = embeddedWhenAbsent
                    ? $"{needsBroker} needs --broker host:port (the embedded broker has no TLS and takes anyone)"
                    : $"{needsBroker} needs --broker host:port (without it the pile talks to the simulated broker)";
                return null;
            }
            if (!embeddedWhenAbsent)
                return null;
        }
        var pileId = chosen.PileId ?? DefaultPileId;
        problem = PileIdProblem(pileId);
        if (problem == null && chosen.Password != null && chosen.User == null)
            problem = "--password needs --user (the pile's user name on the broker)";
        if (problem == null && chosen.User != null && chosen.User.Length == 0)
            problem = "--user needs a name";
        var brokers = new List<(string Host, int Port)>();
        if (problem == null && chosen.Broker != null)
            problem = ListProblem(chosen.Broker, brokers);
        return problem == null ? new BrokerSettings(brokers, chosen.TlsCa, chosen.User, chosen.Password, pileId) : null;
    }

    /// <summary>The CA the broker's certificate must chain to, read from --tls-ca; null without TLS.</summary>
    /// <param name="problem">why the file cannot serve as a CA (a failure, not bad usage: the file is the problem), else null</param>
    public X509Certificate2? LoadCa(out string? problem) => LoadCa(TlsCaPath, out problem);

    /// <summary>The CA in the PEM file at <paramref name="path"/> (--tls-ca); null without one.</summary>
    /// <param name="problem">why the file cannot serve as a CA, else null</param>
    public static X509Certificate2? LoadCa(string? path, out string? problem)
    {
        problem = null;
        if (path == null)
            return null;
        if (Directory.Exists(path))
            problem = $"--tls-ca {path} is a directory: name the CA's certificate file (PEM) in it";
        else if (!File.Exists(path))
            problem = $"--tls-ca {path}: no such file";
        if (problem != null)
            return null;
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read --tls-ca {path}: {e.Message}";
            return null;
        }
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            problem = $"--tls-ca {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
            return null;
        }
    }

    private static string? PileIdProblem(string id)
    {
        var fits = id.Length is > 0 and <= MaxPileIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return fits ? null
            : $"--pile-id '{id}': 1 to {MaxPileIdLength} letters, digits, '-', '_' or '.' (it names the pile's topics and its MQTT client)";
    }

    /// <summary>host:port[,host:port...], at most <see cref="BrokerChoice.MaxBrokers"/>.</summary>
    private static string? ListProblem(string list, List<(string Host, int Port)> brokers)
    {
        var addresses = list.Split(',');
        if (addresses.Length > BrokerChoice.MaxBrokers)
            return $"--broker names {addresses.Length} brokers: a pile takes at most {BrokerChoice.MaxBrokers}";
        foreach (var address in addresses)
        {
            var problem = AddressProblem(address.Trim(), out var host, out var port);
            if (problem != null)
                return problem;
            brokers.Add((host, port));
        }
        return null;
    }

    /// <summary>host:port, or [IPv6]:port.</summary>
    private static string? AddressProblem(string address, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1 || (address.IndexOf(':') != colon && !address.StartsWith('[')))
            return $"--broker takes host:port (e.g. 127.0.0.1:1883, [::1]:8883), not '{address}'";
        host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        var portText = address[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            return $"--broker {address}: the port must be a number from 1 to 65535, not '{portText}'";
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            return $"--broker {address}: '{host}' is not a host name or IP address";
        return null;
    }
}
