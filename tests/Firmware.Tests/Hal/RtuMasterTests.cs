using ChargeController.Hal;
using Xunit;

namespace ChargeController.Tests.Hal;

/// <summary>
/// The device's RTU master on a scripted line, on virtual time (9600 8N1, a byte a millisecond, 300 ms timeout): what it
/// takes for an answer, what it reads past, and the silence it keeps before each request.
/// </summary>
public class RtuMasterTests
{
    private const int TimeoutMs = 300;
    private readonly ScriptedLine _line = new();
    private readonly ushort[] _words = new ushort[4];

    private RtuMaster Master(int baud = 9600) => new(_line, _line, baud, SerialParity.None, 1, TimeoutMs);

    /// <summary>An answer to a read of input registers (04), CRC and all.</summary>
    private static byte[] Answer(byte slave, params ushort[] words) => Frame(slave, 4, words, goodCrc: true);

    private static byte[] Frame(byte slave, byte function, ushort[] words, bool goodCrc)
    {
        var frame = new byte[5 + 2 * words.Length];
        frame[0] = slave;
        frame[1] = function;
        frame[2] = (byte)(2 * words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            frame[3 + 2 * i] = (byte)(words[i] >> 8);
            frame[4 + 2 * i] = (byte)words[i];
        }
        ModbusCrc.Append(frame, frame.Length - 2);
        if (!goodCrc)
            frame[^1] ^= 0x5A;
        return frame;
    }

    private ModbusStatus ReadTwo(RtuMaster master, byte slave = 1) => master.ReadInputRegisters(slave, 0x2000, 2, _words, out _);

    [Fact]
    public void ARequestIsTheTextbookFrameAndItsAnswerLandsInTheCallersBuffer()
    {
        var master = Master();
        _line.Reply(20, Answer(1, 0x4366, 0x0000));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.Equal(new byte[] { 0x01, 0x04, 0x20, 0x00, 0x00, 0x02, 0x7A, 0x0B }, _line.Request[.._line.RequestLength]);
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, _words[..2]);
    }

    [Theory]
    [InlineData(1200, SerialParity.None, 1)]
    [InlineData(2400, SerialParity.Even, 1)]
    [InlineData(4800, SerialParity.Odd, 2)]
    [InlineData(9600, SerialParity.None, 1)]
    [InlineData(9600, SerialParity.Even, 1)]
    [InlineData(9600, SerialParity.None, 2)]
    [InlineData(19200, SerialParity.Even, 1)]
    [InlineData(38400, SerialParity.None, 1)]
    [InlineData(115200, SerialParity.Even, 1)]
    public void TheSilenceIsThreeAndAHalfCharactersEvenOnAMillisecondClock(int baud, SerialParity parity, int stopBits)
    {
        var bits = 10 + (parity == SerialParity.None ? 0 : 1) + (stopBits - 1);
        var requiredUs = baud > 19200 ? 1750.0 : 3.5 * bits * 1_000_000 / baud;
        var silenceMs = RtuMaster.SilenceBefore(baud, parity, stopBits);
        // a millisecond clock may see a silence up to 1 ms longer than it was: what is kept must cover that too, and no more than needed
        Assert.InRange((silenceMs - 1) * 1000.0, requiredUs, requiredUs + 1000);
    }

    [Fact]
    public void TheLineIsQuietBeforeARequestAndAByteMeanwhileStartsTheSilenceAgain()
    {
        var master = Master();
        _line.Reply(3, Answer(1, 1, 2));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        // back to back: the next request waits for 3.5 characters after the answer's last byte
        _line.Reply(3, Answer(1, 1, 2));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.True(_line.QuietBeforeRequestMs * 9600 >= 35 * 10 * 100, _line.QuietBeforeRequestMs + " ms");
        // a stray byte 3 ms into the silence: the request waits the whole silence again after it
        _line.Arrive(_line.NowMs + 3, new byte[] { 0x55 });
        _line.Reply(3, Answer(1, 1, 2));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.True(_line.QuietBeforeRequestMs * 9600 >= 35 * 10 * 100, _line.QuietBeforeRequestMs + " ms");
    }

    [Fact]
    public void TheInputIsEmptiedBeforeARequest()
    {
        var master = Master();
        _line.Arrive(0, Answer(1, 0xDEAD, 0xBEEF)); // an old answer sitting in the UART's buffer
        _line.Wait(1000);
        _line.Reply(20, Answer(1, 0x4366, 0x0000));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, _words[..2]);
        Assert.Equal(9, _line.DiscardedBytes);
    }

    [Fact]
    public void AFrameFromAnotherAddressIsReadPast()
    {
        var master = Master();
        _line.Reply(5, Answer(2, 0xDEAD, 0xBEEF)).Reply(60, Answer(1, 0x4366, 0x0000));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, _words[..2]);
        _line.Reply(5, Answer(2, 0xDEAD, 0xBEEF));
        Assert.Equal(ModbusStatus.Timeout, ReadTwo(master));
    }

    [Fact]
    public void AFrameWithABadCrcIsReadPastAndTellsACrcErrorOnlyWhenNothingElseComes()
    {
        var master = Master();
        _line.Reply(5, Frame(1, 4, new ushort[] { 0xDEAD, 0xBEEF }, goodCrc: false)).Reply(60, Answer(1, 0x4366, 0x0000));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, _words[..2]);
        _line.Reply(5, Frame(1, 4, new ushort[] { 0xDEAD, 0xBEEF }, goodCrc: false));
        var askedMs = _line.NowMs;
        Assert.Equal(ModbusStatus.CrcError, ReadTwo(master));
        Assert.True(_line.NowMs - askedMs >= TimeoutMs, "it listened until the timeout for a good frame");
    }

    [Fact]
    public void ALateAnswerToTheLastRequestIsNotTheAnswerToTheNext()
    {
        var master = Master();
        // the meter answers 301 ms after the request: past the timeout, while the next request waits for its silence
        _line.Reply(301 - 8, Answer(1, 0xDEAD, 0xBEEF));
        Assert.Equal(ModbusStatus.Timeout, ReadTwo(master));
        _line.Reply(20, Answer(1, 0x4366, 0x0000));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
        Assert.Equal(new ushort[] { 0x4366, 0x0000 }, _words[..2]);
    }

    [Fact]
    public void ALateAnswerOfAnotherSizeAfterTheNextRequestIsNotItsAnswer()
    {
        var master = Master();
        _line.Reply(400, Answer(1, 0xDEAD, 0xBEEF));
        Assert.Equal(ModbusStatus.Timeout, ReadTwo(master));
        // the next request asks four registers; the two-register late answer arrives after it went out
        _line.Reply(150, Answer(1, 1, 2, 3, 4));
        Assert.Equal(ModbusStatus.Ok, master.ReadInputRegisters(1, 0x2000, 4, _words, out _));
        Assert.Equal(new ushort[] { 1, 2, 3, 4 }, _words);
    }

    [Fact]
    public void AnExceptionReplyGivesItsCode()
    {
        var master = Master();
        var exception = new byte[] { 1, 0x84, 2, 0, 0 };
        ModbusCrc.Append(exception, 3);
        _line.Reply(10, exception);
        Assert.Equal(ModbusStatus.SlaveException, master.ReadInputRegisters(1, 0x1000, 2, _words, out var code));
        Assert.Equal(2, code);
    }

    [Fact]
    public void SilenceIsATimeoutAfterExactlyTheResponseTimeout()
    {
        var master = Master();
        var askedMs = _line.NowMs;
        Assert.Equal(ModbusStatus.Timeout, ReadTwo(master));
        Assert.Equal(master.SilenceMs + TimeoutMs, _line.NowMs - askedMs);
        // an answer starting in the last millisecond counts
        _line.Reply(TimeoutMs - 8 - 1, Answer(1, 7, 8));
        Assert.Equal(ModbusStatus.Ok, ReadTwo(master));
    }

    [Fact]
    public void AWriteIsAnsweredByItsEcho()
    {
        var master = Master();
        var echo = new byte[] { 1, 16, 0x00, 0x10, 0x00, 0x02, 0, 0 };
        ModbusCrc.Append(echo, 6);
        _line.Reply(10, echo);
        Assert.Equal(ModbusStatus.Ok, master.WriteRegisters(1, 0x0010, new ushort[] { 0x0102, 0x0304, 0xFFFF }, 2, out _));
        Assert.Equal(new byte[] { 1, 16, 0x00, 0x10, 0x00, 0x02, 4, 0x01, 0x02, 0x03, 0x04 }, _line.Request[..11]);
        Assert.Equal(13, _line.RequestLength);
    }

    [Fact]
    public void ARequestAllocatesNothing()
    {
        var master = Master();
        var answer = Answer(1, 0x4366, 0x0000);
        _line.Reply(20, answer);
        ReadTwo(master); // first call: the JIT's own allocations
        _line.Reply(20, answer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = ReadTwo(master);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ModbusStatus.Ok, status);
        Assert.Equal(0, allocated);
    }
}
