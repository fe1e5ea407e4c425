using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Storage;

/// <summary>
/// The simulated flash is one 256 KB LittleFS partition: every file takes whole 4 KB blocks out of one budget shared with
/// the others and with LittleFS's own two, and a write that needs a block more than are free is refused and writes nothing.
/// </summary>
public class PartitionTests
{
    private const int Block = SimFileStore.BlockBytes;

    /// <summary>A file of <paramref name="bytes"/>, durable, as another part of the pile would have written it.</summary>
    private static void Put(SimFileStore store, string name, int bytes) => Assert.True(store.Replace(name, new byte[bytes], 0, bytes));

    [Fact]
    public void FilesShareOneBudgetOfWholeBlocks()
    {
        var store = new SimFileStore();
        Assert.Equal(SimFileStore.Blocks - SimFileStore.MetadataBlocks, store.FreeBlocks);
        Put(store, "a", 1);
        Put(store, "b", Block + 1);
        Assert.Equal(SimFileStore.Blocks - SimFileStore.MetadataBlocks - 3, store.FreeBlocks);
    }

    [Fact]
    public void TheLastBlockFillsByteByByteAndTheNextByteIsRefusedWithNothingWritten()
    {
        var store = new SimFileStore();
        Put(store, "other", (store.FreeBlocks - 1) * Block); // one block left
        Assert.True(store.Append("journal.bin", new byte[Block - 1], 0, Block - 1));
        Assert.True(store.Append("journal.bin", new byte[1], 0, 1)); // the last byte of the last block
        Assert.True(store.Flush("journal.bin"));
        Assert.Equal(0, store.FreeBlocks);
        var writes = store.Writes;
        Assert.False(store.Append("journal.bin", new byte[1], 0, 1));
        Assert.False(store.Append("new-file", new byte[1], 0, 1));
        Assert.True(store.Flush("journal.bin"));
        Assert.Equal((Block, writes), (store.Length("journal.bin"), store.Writes));
        Assert.False(store.Exists("new-file"));
    }

    [Fact]
    public void BytesNotYetFlushedNeedTheirBlocksAndAPowerCutGivesThemBack()
    {
        var store = new SimFileStore();
        Put(store, "other", (store.FreeBlocks - 1) * Block);
        Assert.True(store.Append("journal.bin", new byte[Block], 0, Block));
        Assert.False(store.Append("config-a.txt", new byte[1], 0, 1)); // the unflushed bytes hold the last block
        store.CutPower();
        store.RestorePower();
        Assert.Equal(1, store.FreeBlocks);
        Assert.True(store.Append("config-a.txt", new byte[1], 0, 1));
    }

    [Fact]
    public void AReplaceNeedsRoomForTheOldAndTheNewSideBySideAndAMoveOrDeleteFreesTheOld()
    {
        var store = new SimFileStore();
        Put(store, "journal.bin", 2 * Block);
        Put(store, "other", (store.FreeBlocks - 2) * Block); // two blocks left
        Assert.False(store.Replace("journal.bin", new byte[3 * Block], 0, 3 * Block));
        Assert.Equal(2, store.FreeBlocks);
        Assert.True(store.Append("journal.new", new byte[2 * Block], 0, 2 * Block));
        Assert.True(store.Flush("journal.new"));
        Assert.Equal(0, store.FreeBlocks);
        Assert.True(store.Move("journal.new", "journal.bin"));
        Assert.Equal(2, store.FreeBlocks);
        Assert.True(store.Delete("journal.bin"));
        Assert.Equal(4, store.FreeBlocks);
    }
}
