// Surface of nanoframework/System.IO.FileSystem v1.1.93: only the members hal/Esp32 uses, signatures as published.
namespace System.IO
{
    /// <summary>System.IO.FileSystem/File.cs. Note: Move throws IOException when the destination exists.</summary>
    public static class File
    {
        public static void Delete(string path) => throw null;
        public static bool Exists(string path) => throw null;
        public static void Move(string sourceFileName, string destFileName) => throw null;
    }

    /// <summary>System.IO.FileSystem/Directory.cs</summary>
    public static class Directory
    {
        public static string[] GetFiles(string path) => throw null;
    }

    /// <summary>System.IO.FileSystem/FileStream.cs</summary>
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access) => throw null;
        public override long Length => throw null;
        public override long Position { get => throw null; set => throw null; }
        public override void Flush() => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
    }

    /// <summary>System.IO.FileSystem/FileMode.cs</summary>
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    /// <summary>System.IO.FileSystem/FileAccess.cs</summary>
    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }
}
