using ChargeController.Firmware.Network;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Network;

/// <summary>provision.txt: the pile's text settings, read with clear errors and without repeating secrets.</summary>
public class ProvisioningTests
{
    [Fact]
    public void ReadsKeysCommentsAndDefaults()
    {
        var p = new Provisioning();
        Assert.Empty(p.Parse("# pile 42\npile.id = pile-0042\r\nwifi.ssid=Village Net\nbroker.host=mqtt.county.example\n\n"));
        Assert.Equal("pile-0042", p.Get(Provisioning.PileId));
        Assert.Equal("Village Net", p.Get(Provisioning.WifiSsid));
        Assert.Equal("mqtt.county.example", p.Get(Provisioning.BrokerHost));
        Assert.Equal(8883, p.Port);
        Assert.True(p.TlsOn);
        Assert.Equal("ca.pem", p.Get(Provisioning.CaFile));
        Assert.Null(p.Get(Provisioning.WifiPassword));
        Assert.Null(p.Get(Provisioning.ClientCertFile));
    }

    [Fact]
    public void ATopicRootMayBeGivenAndABrokerNeedsAPileId()
    {
        var p = new Provisioning();
        Assert.Empty(p.Parse("pile.id=p7\nmqtt.topicRoot=county/north/p7\nbroker.host=b\n"));
        Assert.Equal("county/north/p7", p.Get(Provisioning.TopicRoot));
        var anonymous = new Provisioning();
        var errors = anonymous.Parse("broker.host=b\n");
        Assert.Contains(errors, e => e.Contains("pile.id is needed"));
        Assert.Null(anonymous.Get(Provisioning.TopicRoot));
    }

    [Fact]
    public void PlainMqttOnItsPort()
    {
        var p = new Provisioning();
        Assert.Empty(p.Parse("broker.port=1883\nbroker.tls=off\n"));
        Assert.Equal(1883, p.Port);
        Assert.False(p.TlsOn);
    }

    [Fact]
    public void BadLinesAreNamedWithoutTheirValues()
    {
        var p = new Provisioning();
        var errors = p.Parse("wifi.pasword=s3cret\njust text\nbroker.port=99999\nbroker.tls=maybe\nwifi.ssid=ok\n");
        Assert.Equal(4, errors.Length);
        Assert.Contains("line 1: unknown key 'wifi.pasword'", errors[0]);
        Assert.Contains("line 2: expected key=value", errors[1]);
        Assert.Contains("broker.port", errors[2]);
        Assert.Contains("broker.tls", errors[3]);
        Assert.DoesNotContain(errors, e => e.Contains("s3cret"));
        Assert.Equal("ok", p.Get(Provisioning.WifiSsid));
        Assert.Equal(0, p.Port);
        Assert.True(p.TlsOn); // anything but "off" keeps TLS on
    }

    [Fact]
    public void LoadsTheFileWhenThereIsOne()
    {
        var store = new SimFileStore();
        Assert.Empty(new Provisioning().Load(store));
        var bytes = "pile.id=p1\n"u8.ToArray();
        store.Replace(Provisioning.FileName, bytes, 0, bytes.Length);
        var p = new Provisioning();
        Assert.Empty(p.Load(store));
        Assert.Equal("p1", p.Get(Provisioning.PileId));
        var big = new byte[Provisioning.MaxFileBytes + 1];
        store.Replace(Provisioning.FileName, big, 0, big.Length);
        Assert.Single(new Provisioning().Load(store));
    }

    [Fact]
    public void BrokerHostNamesSeveralBrokersInOrderEachWithItsPortOrBrokerPort()
    {
        var p = new Provisioning();
        Assert.Empty(p.Parse("pile.id=p1\nbroker.port=8884\nbroker.host=mqtt1.county.example, mqtt2.county.example:9883,10.0.0.7\n"));
        Assert.Equal(new[] { "mqtt1.county.example", "mqtt2.county.example", "10.0.0.7" }, p.BrokerHosts);
        Assert.Equal(new[] { 8884, 9883, 8884 }, p.BrokerPorts);

        var one = new Provisioning();
        Assert.Empty(one.Parse("pile.id=p1\nbroker.host=mqtt.county.example\n"));
        Assert.Equal(new[] { "mqtt.county.example" }, one.BrokerHosts);
        Assert.Equal(new[] { 8883 }, one.BrokerPorts);
        Assert.Empty(new Provisioning().BrokerHosts);
    }

    [Fact]
    public void ABadBrokerEntryIsNamedAndLeftOutAndAtMostFourAreUsed()
    {
        var p = new Provisioning();
        var errors = p.Parse("pile.id=p1\nbroker.host=a,b:0,,c:x,d,e,f\n");
        Assert.Contains(errors, e => e.Contains("entry 2") && e.Contains("'b:0'"));
        Assert.Contains(errors, e => e.Contains("entry 3"));
        Assert.Contains(errors, e => e.Contains("entry 4") && e.Contains("'c:x'"));
        Assert.Contains(errors, e => e.Contains("7 brokers, at most 4"));
        Assert.Equal(new[] { "a" }, p.BrokerHosts);
    }
}
