// Surface of nanoframework/nanoFramework.Runtime.Native v1.7.11: only the members hal/Esp32 uses, signatures as published.
namespace nanoFramework.Runtime.Native
{
    /// <summary>nanoFramework.Runtime.Native/Power.cs</summary>
    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
    }

    /// <summary>nanoFramework.Runtime.Native/RebootOption.cs</summary>
    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }
}

namespace System
{
    /// <summary>nanoFramework.Runtime.Native/System/Environment.cs (a partial class; mscorlib 1.17.11 has no Environment)</summary>
    public static class Environment
    {
        public static long TickCount64 => throw null;
    }
}
