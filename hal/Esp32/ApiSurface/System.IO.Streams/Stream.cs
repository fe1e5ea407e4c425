// Surface of nanoframework/System.IO.Streams v1.1.96: only the members hal/Esp32 uses, signatures as published.
namespace System.IO
{
    /// <summary>System.IO.Streams/Stream.cs</summary>
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public void Dispose() => throw null;
        public abstract void Flush();
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
    }

    /// <summary>System.IO.Streams/SeekOrigin.cs</summary>
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }
}
