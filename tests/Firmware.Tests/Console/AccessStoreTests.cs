using ChargeController.Firmware.Console;
using ChargeController.Firmware.Handoff;
using ChargeController.Firmware.Storage;
using ChargeController.Hal;
using ChargeController.Loader;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.SerialConsole;

/// <summary>
/// The access record on its way to flash: the storage thread writes the store's one buffer, so a save asked for while
/// the earlier one is queued waits, and the latest state follows once that one is done; the flash never gets a torn
/// record. Judged from what the flash holds.
/// </summary>
public class AccessStoreTests
{
    private readonly SimFileStore _flash = new();
    private readonly FlashWrites _writes = new(4);
    private readonly ConsoleAccessStore _store;
    private readonly ConsoleAccessRecord _record = new();

    public AccessStoreTests() => _store = new ConsoleAccessStore(_flash, _writes);

    private ConsoleAccessRecord OnFlash() => new ConsoleAccessStore(_flash, new FlashWrites(1)).Load(out _)!;

    [Fact]
    public void ASaveWhileTheEarlierIsQueuedWaitsAndTheLatestStateFollowsIt()
    {
        _record.Failures = 1;
        _store.Save(_record);
        _record.Failures = 2;
        _store.Save(_record);
        _record.Failures = 5;
        _record.Locked = true;
        _store.Save(_record);
        Assert.False(_flash.Exists(ConsoleAccessStore.FileName)); // the control thread wrote nothing itself

        _writes.Run();
        Assert.Equal(1, OnFlash().Failures); // the first save, as it was asked for: its bytes were left alone
        Assert.False(OnFlash().Locked);
        _writes.Run();
        Assert.Equal(1, _flash.ReplaceCount); // the newer state waits for the control thread's next pass

        _store.Pump(0);
        _writes.Run();
        Assert.Equal(5, OnFlash().Failures);
        Assert.True(OnFlash().Locked);
        Assert.Equal(2, _flash.ReplaceCount); // three saves, two writes: the second state was never needed

        _store.Pump(0);
        _writes.Run();
        Assert.Equal(2, _flash.ReplaceCount); // nothing waits any more
    }

    [Fact]
    public void ASaveThatFindsTheQueueFullGoesOutOnceThereIsRoom()
    {
        var others = new FlashWrites(1);
        var store = new ConsoleAccessStore(_flash, others);
        Assert.NotEqual(0, others.TryPost(new Nothing()));
        _record.Failures = 3;
        store.Save(_record);
        others.Run();
        Assert.False(_flash.Exists(ConsoleAccessStore.FileName));
        store.Pump(0);
        others.Run();
        Assert.Equal(3, OnFlash().Failures);
    }

    [Fact]
    public void AFailedWriteIsFollowedByTheNextSaveInFull()
    {
        _flash.Broken = true;
        _record.Failures = 4;
        _store.Save(_record);
        _writes.Run();
        _flash.Broken = false;
        _record.Failures = 5;
        _record.Locked = true;
        _store.Save(_record);
        _writes.Run();
        Assert.Equal(5, OnFlash().Failures);
        Assert.True(OnFlash().Locked);
    }

    [Fact]
    public void AFailedWriteIsWrittenAgainAfterTheRetryDelayEvenWithoutANewSave()
    {
        _flash.Broken = true;
        _record.Failures = 5;
        _record.Locked = true;
        _store.Save(_record);
        _writes.Run();
        _flash.Broken = false;
        _store.Pump(1000); // collects the failure
        _writes.Run();
        Assert.False(_flash.Exists(ConsoleAccessStore.FileName)); // not at once: a failing flash is not hammered
        _store.Pump(1000 + ConsoleAccessStore.RetryAfterFailureMs);
        _writes.Run();
        Assert.True(OnFlash().Locked);
    }

    private sealed class Nothing : IFlashWrite
    {
        public bool Write() => true;
    }

    /// <summary>
    /// A flash that takes its time over each byte of a replace (the storage thread's copy is slow), and checks the seal
    /// of what it wrote: a buffer rewritten during the copy shows as a broken seal.
    /// </summary>
    private sealed class CheckingFlash : IFileStore
    {
        private byte[] _file = [];
        public int Replaces;
        public int Torn;

        public byte[] File
        {
            get { lock (this) return _file; }
        }

        public bool Replace(string name, byte[] data, int offset, int count)
        {
            var copy = new byte[count];
            for (var i = 0; i < count; i++)
            {
                copy[i] = data[offset + i];
                Thread.SpinWait(50);
            }
            if (!Crc32.Verify(copy, 0, count))
                Interlocked.Increment(ref Torn);
            lock (this)
                _file = copy;
            Interlocked.Increment(ref Replaces);
            return true;
        }

        public bool Exists(string name) => false;
        public int Length(string name) => 0;
        public int Read(string name, int position, byte[] into, int offset, int count) => 0;
        public bool Append(string name, byte[] data, int offset, int count) => false;
        public bool Flush(string name) => false;
        public bool Move(string source, string target) => false;
        public bool Delete(string name) => false;
    }

    [Fact]
    public void OnRealThreadsTheStorageThreadNeverWritesATornRecordAndTheLastStateArrives()
    {
        const int Saves = 3000;
        var flash = new CheckingFlash();
        var writes = new FlashWrites(4);
        var store = new ConsoleAccessStore(flash, writes);
        var stop = 0;
        var storage = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
                writes.Run();
        });
        storage.Start();
        for (var i = 1; i <= Saves; i++) // every save changes the record all over: a torn copy cannot pass the seal
        {
            _record.Failures = i % 200;
            _record.Locked = i % 2 == 1;
            Array.Fill(_record.PinHash, (byte)i);
            store.Save(_record);
            if (i % 3 == 0)
                store.Pump(0);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(flash.File.Length > 2 && flash.File[2] == Saves % 200 && flash.File[^5] == unchecked((byte)Saves)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the last state never reached the flash");
            store.Pump(0); // the control thread's later passes
            Thread.Sleep(1);
        }
        Volatile.Write(ref stop, 1);
        storage.Join();
        Assert.Equal(0, flash.Torn);
        Assert.InRange(flash.Replaces, 2, Saves - 1); // the storage thread kept up with some, and saves were coalesced
    }
}
