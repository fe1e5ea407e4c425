// Surface of nanoframework/nanoFramework.Hardware.Esp32 v1.6.42: only the members hal/Esp32 uses, signatures as published.
namespace nanoFramework.Hardware.Esp32
{
    /// <summary>nanoFramework.Hardware.Esp32/Configuration.cs</summary>
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;
    }

    /// <summary>
    /// nanoFramework.Hardware.Esp32/DeviceTypePins.cs. The library writes each value as DeviceTypes.X + index * 0x100 +
    /// signal (SERIAL = 3 * 0x10000, PWM = 4 * 0x10000); the same values are spelled out here, only for the members used.
    /// </summary>
    public enum DeviceFunction
    {
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
        PWM1 = 0x40100,
    }
}
