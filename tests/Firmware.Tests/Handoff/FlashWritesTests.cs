using ChargeController.Firmware.Handoff;
using Xunit;

namespace ChargeController.Tests.Handoff;

/// <summary>
/// The control thread's flash writes to the storage thread: tickets in post order, a full queue refuses, each ticket's
/// outcome, slots reused round the ring, one requester's write at a time (<see cref="FlashTicket"/>), and the two
/// threads on real threads.
/// </summary>
public class FlashWritesTests
{
    /// <summary>A write that records when it ran and answers as told.</summary>
    private sealed class Write(string name, List<string> ran, bool holds = true) : IFlashWrite
    {
        public bool Holds { get; set; } = holds;
        public int Runs { get; private set; }

        bool IFlashWrite.Write()
        {
            Runs++;
            ran.Add(name);
            return Holds;
        }
    }

    [Fact]
    public void TicketsCountFromOneAndTheStorageThreadWritesInTicketOrder()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(4);
        Assert.Equal(1, writes.TryPost(new Write("a", ran)));
        Assert.Equal(2, writes.TryPost(new Write("b", ran)));
        Assert.Equal(3, writes.TryPost(new Write("c", ran)));
        Assert.Empty(ran); // nothing is written on the control thread
        writes.Run();
        Assert.Equal(new[] { "a", "b", "c" }, ran);
        writes.Run();
        Assert.Equal(3, ran.Count); // each write runs once
    }

    [Fact]
    public void AFullQueueRefusesWithTicketZeroAndQueuesNothing()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(2);
        Assert.Equal(1, writes.TryPost(new Write("a", ran)));
        Assert.Equal(2, writes.TryPost(new Write("b", ran)));
        var refused = new Write("refused", ran);
        Assert.Equal(0, writes.TryPost(refused));
        writes.Run();
        Assert.Equal(0, refused.Runs);
        Assert.Equal(3, writes.TryPost(new Write("c", ran))); // the refusal used no ticket
        writes.Run();
        Assert.Equal(new[] { "a", "b", "c" }, ran);
    }

    [Fact]
    public void DoneAndSucceededAnswerPerTicketAndAFailedWriteIsReported()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(4);
        var held = writes.TryPost(new Write("held", ran));
        var failed = writes.TryPost(new Write("failed", ran, holds: false));
        Assert.False(writes.Done(held));
        Assert.False(writes.Done(failed));
        Assert.False(writes.Succeeded(held)); // not before it is done
        writes.Run();
        Assert.True(writes.Done(held));
        Assert.True(writes.Done(failed));
        Assert.True(writes.Succeeded(held));
        Assert.False(writes.Succeeded(failed));
        Assert.False(writes.Done(0)); // no ticket: never done
        Assert.False(writes.Done(failed + 1)); // not posted yet
    }

    [Fact]
    public void SlotsAreReusedRoundTheRingAndEachTicketKeepsItsOwnOutcome()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(3);
        var expected = new List<string>();
        var ticket = 0;
        for (var round = 0; round < 7; round++) // 7 rounds of 2 writes over 3 slots: every slot taken again and again
        {
            var first = writes.TryPost(new Write("w" + ++ticket, ran, holds: ticket % 3 != 0));
            var second = writes.TryPost(new Write("w" + ++ticket, ran, holds: ticket % 3 != 0));
            Assert.Equal(ticket - 1, first);
            Assert.Equal(ticket, second);
            expected.Add("w" + first);
            expected.Add("w" + second);
            writes.Run();
            Assert.Equal(first % 3 != 0, writes.Succeeded(first));
            Assert.Equal(second % 3 != 0, writes.Succeeded(second));
        }
        Assert.Equal(expected, ran);
        var last = writes.TryPost(new Write("full", ran));
        writes.TryPost(new Write("full", ran));
        writes.TryPost(new Write("full", ran));
        Assert.Equal(0, writes.TryPost(new Write("refused", ran))); // still three slots after wrapping
        Assert.Equal(ticket + 1, last);
    }

    [Fact]
    public void AnOutcomeIsKeptForThirtyTwoTicketsAndThenNeverMistakenForAnotherWrites()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(2);
        var failed = writes.TryPost(new Write("failed", ran, holds: false));
        var held = writes.TryPost(new Write("held", ran));
        writes.Run();
        for (var i = 0; i < FlashWrites.OutcomesKept - 2; i++) // slots reused again and again, outcomes still kept
        {
            writes.TryPost(new Write("other", ran, holds: i % 2 == 0));
            writes.Run();
        }
        Assert.False(writes.Succeeded(failed));
        Assert.True(writes.Succeeded(held));
        writes.TryPost(new Write("32 later", ran)); // its outcome takes the failed write's bit
        writes.Run();
        Assert.True(writes.Succeeded(held + FlashWrites.OutcomesKept - 1));
        Assert.False(writes.Succeeded(failed));
        writes.TryPost(new Write("33 later", ran, holds: false));
        writes.Run();
        Assert.False(writes.Succeeded(held)); // forgotten, not guessed
    }

    [Fact]
    public void ATicketHoldsOneWriteAtATimeUntilItsOutcomeIsCollected()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(4);
        var ticket = new FlashTicket(writes);
        Assert.False(ticket.Pending);
        Assert.False(ticket.Done);
        var first = new Write("first", ran, holds: false);
        Assert.True(ticket.TryPost(first));
        Assert.True(ticket.Pending);
        Assert.False(ticket.TryPost(new Write("second", ran))); // the first one's data must stay untouched
        Assert.False(ticket.Done);
        writes.Run();
        Assert.True(ticket.Done);
        Assert.True(ticket.Pending); // until collected
        Assert.False(ticket.Collect());
        Assert.False(ticket.Pending);
        first.Holds = true;
        Assert.True(ticket.TryPost(first));
        writes.Run();
        Assert.True(ticket.Collect());
        Assert.Equal(new[] { "first", "first" }, ran);
    }

    [Fact]
    public void ATicketRefusedByAFullQueueIsNotPending()
    {
        var ran = new List<string>();
        var writes = new FlashWrites(1);
        writes.TryPost(new Write("other", ran));
        var ticket = new FlashTicket(writes);
        Assert.False(ticket.TryPost(new Write("mine", ran)));
        Assert.False(ticket.Pending);
        writes.Run();
        Assert.True(ticket.TryPost(new Write("mine", ran)));
    }

    /// <summary>A write that the storage thread runs: it checks that its data is not being changed under it.</summary>
    private sealed class Numbered : IFlashWrite
    {
        public int Number;
        public int Copy;
        public int RunsSeen;
        public int Torn;

        public bool Write()
        {
            var number = Number;
            Thread.SpinWait(20);
            if (number != Volatile.Read(ref Copy))
                Interlocked.Increment(ref Torn);
            Interlocked.Increment(ref RunsSeen);
            return number % 2 == 0;
        }
    }

    [Fact]
    public void OnRealThreadsEveryWriteRunsOnceUntouchedAndItsOutcomeArrives()
    {
        const int Writes = 20_000;
        var queue = new FlashWrites(4);
        var requesters = new[] { new Numbered(), new Numbered(), new Numbered() };
        var tickets = requesters.Select(_ => new FlashTicket(queue)).ToArray();
        var stop = 0;
        var storage = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
                queue.Run();
            queue.Run();
        });
        storage.Start();
        var posted = 0;
        var collected = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (collected < Writes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{collected} of {Writes} outcomes arrived");
            for (var r = 0; r < requesters.Length; r++)
            {
                var ticket = tickets[r];
                var data = requesters[r];
                if (ticket.Pending && ticket.Done)
                {
                    Assert.True(data.Number % 2 == 0 == ticket.Collect(), $"requester {r} number {data.Number} collected {collected} posted {posted}");
                    collected++;
                }
                if (!ticket.Pending && posted < Writes)
                {
                    data.Number = posted; // the data changes only while no write of it is queued
                    Volatile.Write(ref data.Copy, posted);
                    if (ticket.TryPost(data))
                        posted++;
                }
            }
        }
        Volatile.Write(ref stop, 1);
        storage.Join();
        Assert.Equal(Writes, requesters.Sum(r => r.RunsSeen));
        Assert.Equal(0, requesters.Sum(r => r.Torn));
    }
}
