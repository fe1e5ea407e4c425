// Surface of nanoframework/System.Threading v1.1.52 (866134ed): only the members hal/Esp32 uses, signatures as published.
namespace System.Threading
{
    /// <summary>nanoFramework.System.Threading/Threading/CancellationToken.cs</summary>
    public struct CancellationToken
    {
    }

    /// <summary>nanoFramework.System.Threading/Threading/CancellationTokenSource.cs</summary>
    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) => throw null;
        public CancellationToken Token => throw null;
        public void Dispose() => throw null;
    }
}
