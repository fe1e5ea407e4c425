// Surface of nanoframework/System.IO.Ports v1.1.139: the members hal/Esp32 uses, as published.
namespace System.IO.Ports
{
    /// <summary>System.IO.Ports/SerialPort.cs (the console on COM2, the meter's RS485 line on COM3)</summary>
    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) => throw null;
        public int ReadTimeout { get => throw null; set => throw null; }
        public int BytesToRead => throw null;
        public Handshake Handshake { get => throw null; set => throw null; }
        /// <summary>A .NET nanoFramework property only; setting it on an open port reconfigures the UART.</summary>
        public SerialMode Mode { get => throw null; set => throw null; }
        public void Open() => throw null;
        public int Read(byte[] buffer, int offset, int count) => throw null;
        public void Write(byte[] buffer, int offset, int count) => throw null;
        public void Dispose() => throw null;
    }

    /// <summary>System.IO.Ports/Parity.cs</summary>
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    /// <summary>System.IO.Ports/StopBits.cs</summary>
    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    /// <summary>System.IO.Ports/Handshake.cs</summary>
    public enum Handshake
    {
        None,
        XOnXOff,
        RequestToSend,
        RequestToSendXOnXOff,
    }

    /// <summary>System.IO.Ports/SerialMode.cs: RS485 drives the UART's RTS line as the transceiver's DE.</summary>
    public enum SerialMode
    {
        Normal,
        RS485,
    }
}
