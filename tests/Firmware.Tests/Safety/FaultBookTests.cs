using ChargeController.Firmware.Config;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using Xunit;

namespace ChargeController.Tests.Safety;

public class FaultBookTests
{
    private static FaultBook Book(int retries, int delayMs, EventRing events)
    {
        var policies = Enum.GetValues<Fault>()
            .Select(f => new FaultPolicy(f, FaultAction.Trip, true, delayMs, retries))
            .ToArray();
        return new FaultBook(policies, events, 3_600_000);
    }

    [Fact]
    public void RetriesThenLatchesUntilCleared()
    {
        var book = Book(retries: 2, delayMs: 1000, new EventRing(64));
        long t = 0;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            book.Report(Fault.OverCurrent, true, t);
            Assert.True(book.IsRaised(Fault.OverCurrent));
            Assert.False(book.IsLatched(Fault.OverCurrent));
            book.Report(Fault.OverCurrent, false, t += 10);
            book.Report(Fault.OverCurrent, false, t += 990);
            Assert.True(book.IsRaised(Fault.OverCurrent));
            book.Report(Fault.OverCurrent, false, t += 10);
            Assert.False(book.IsRaised(Fault.OverCurrent));
            Assert.Equal(attempt, book.RetriesOf(Fault.OverCurrent));
        }
        book.Report(Fault.OverCurrent, true, t += 10);
        Assert.True(book.IsLatched(Fault.OverCurrent));
        book.Report(Fault.OverCurrent, false, t += 10);
        book.Report(Fault.OverCurrent, false, t += 100_000);
        Assert.True(book.IsRaised(Fault.OverCurrent));

        Assert.Equal(1, book.ClearLatched(t));
        Assert.False(book.IsRaised(Fault.OverCurrent));
        Assert.Equal(0, book.RetriesOf(Fault.OverCurrent));
    }

    [Fact]
    public void ZeroRetriesLatchesAtOnce()
    {
        var book = Book(retries: 0, delayMs: 0, new EventRing(64));
        book.Report(Fault.ContactorWelded, true, 0);
        Assert.True(book.IsLatched(Fault.ContactorWelded));
    }

    [Fact]
    public void AConditionThatStillHoldsCannotBeCleared()
    {
        var book = Book(retries: 0, delayMs: 0, new EventRing(64));
        book.Report(Fault.EmergencyStop, true, 0);
        Assert.Equal(0, book.ClearLatched(10));
        Assert.True(book.IsRaised(Fault.EmergencyStop));
    }

    [Fact]
    public void RetryCountResetsAfterStayingClear()
    {
        var book = Book(retries: 3, delayMs: 0, new EventRing(64));
        book.Report(Fault.PilotShort, true, 0);
        book.Report(Fault.PilotShort, false, 10);
        Assert.Equal(1, book.RetriesOf(Fault.PilotShort));
        book.Report(Fault.PilotShort, false, 3_600_009);
        Assert.Equal(1, book.RetriesOf(Fault.PilotShort));
        book.Report(Fault.PilotShort, false, 3_600_010);
        Assert.Equal(0, book.RetriesOf(Fault.PilotShort));
    }

    [Fact]
    public void RaiseAndClearAreEvents()
    {
        var events = new EventRing(64);
        var book = Book(retries: -1, delayMs: 0, events);
        book.Report(Fault.ResidualCurrentDc, true, 5);
        book.Report(Fault.ResidualCurrentDc, false, 15);
        Assert.True(events.TryRead(out var raised));
        Assert.Equal((EventKind.Fault, (int)Fault.ResidualCurrentDc, true, 5L), (raised.Kind, raised.Code, raised.Flag, raised.TimeMs));
        Assert.True(events.TryRead(out var cleared));
        Assert.Equal((false, 15L), (cleared.Flag, cleared.TimeMs));
    }

    /// <summary>
    /// The error code shown is the first raised fault of the most severe action, not the first raised fault: a warning
    /// with a lower number (storage) does not hide a trip raised after it (pilot short).
    /// </summary>
    [Fact]
    public void ErrorCodeIsTheMostSevereActionsNotTheLowestFaults()
    {
        var book = new FaultBook(FaultPolicies.From(new PileConfig()), new EventRing(64), 3_600_000);
        book.Report(Fault.StorageFailure, true, 0);
        Assert.Equal(ErrorCode.InternalError, book.CurrentErrorCode());
        book.Report(Fault.PilotShort, true, 10);
        Assert.Equal(ErrorCode.EVCommunicationError, book.CurrentErrorCode());
        Assert.True(book.Any(FaultAction.Trip) && book.Any(FaultAction.Warn) && !book.Any(FaultAction.Stop));
        Assert.Equal((1 << (int)Fault.StorageFailure) | (1 << (int)Fault.PilotShort), book.RaisedMask);
    }

    /// <summary>The book keeps its policies by fault number: a list out of order or short is refused, not misread.</summary>
    [Fact]
    public void PoliciesOutOfOrderOrMissingAreRefused()
    {
        var policies = FaultPolicies.From(new PileConfig());
        (policies[0], policies[1]) = (policies[1], policies[0]);
        Assert.Throws<ArgumentException>(() => new FaultBook(policies, new EventRing(8), 0));
        Assert.Throws<ArgumentException>(() => new FaultBook(policies[1..], new EventRing(8), 0));
    }
}
