using ChargeController.Firmware.Commands;
using ChargeController.Sim.Storage;
using Xunit;

namespace ChargeController.Tests.Commands;

/// <summary>The replay window on flash: what a reboot finds is the newest 32 answers, whatever the files went through.</summary>
public class AnsweredCommandsTests
{
    private static void Answer(AnsweredCommands answers, int n) =>
        Assert.True(answers.Stage(answers.Add("c" + n, n % 2 == 0, "ok", "answer " + n)).Write());

    private static AnsweredCommands Rebooted(SimFileStore store)
    {
        var answers = new AnsweredCommands(store);
        answers.Load();
        return answers;
    }

    [Fact]
    public void AfterARebootTheNewest32AnswersAreFoundWithTheirResults()
    {
        var store = new SimFileStore();
        var answers = new AnsweredCommands(store);
        answers.Load();
        for (var n = 1; n <= 100; n++)
            Answer(answers, n);
        var after = Rebooted(store);
        Assert.Equal(-1, after.Find("c68"));
        for (var n = 69; n <= 100; n++)
        {
            var entry = after.Find("c" + n);
            Assert.True(entry >= 0, "c" + n);
            Assert.Equal(n % 2 == 0, after.Accepted(entry));
            Assert.Equal("answer " + n, after.Text(entry));
        }
        Answer(after, 101); // the reloaded window goes on from where it was
        Assert.True(Rebooted(store).Find("c101") >= 0);
        Assert.Equal(-1, Rebooted(store).Find("c69"));
    }

    [Fact]
    public void AfterATornAppendTheNextAnswerStartsTheOtherFileAndIsFoundAfterABoot()
    {
        var store = new SimFileStore();
        var answers = new AnsweredCommands(store);
        answers.Load();
        for (var n = 1; n <= 40; n++)
            Answer(answers, n);
        store.CorruptTail(AnsweredCommands.FileB, 3); // an append torn by a power cut after the 40th, in the second file
        var after = Rebooted(store);
        Assert.True(after.Find("c40") >= 0);
        Assert.True(after.Find("c33") >= 0);
        Answer(after, 41);
        var again = Rebooted(store);
        Assert.True(again.Find("c41") >= 0, "an answer after the torn record was lost");
        Assert.True(again.Find("c40") >= 0);
    }
}
