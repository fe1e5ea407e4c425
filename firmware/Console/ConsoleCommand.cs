namespace ChargeController.Firmware.Console
{
    /// <summary>One console command as `help` shows it and the shell matches it: a row of <see cref="ConsoleCommands"/>.</summary>
    public sealed class ConsoleCommand
    {
        public ConsoleCommand(int id, string name, string arguments, int minArguments, int maxArguments, CommandAccess access,
            string summary, string example)
        {
            Id = id;
            Name = name;
            Words = name.Split(' ');
            Arguments = arguments;
            MinArguments = minArguments;
            MaxArguments = maxArguments;
            Access = access;
            Summary = summary;
            Example = example;
        }

        public int Id { get; }
        /// <summary>One or two words: "status", "config set".</summary>
        public string Name { get; }
        public string[] Words { get; }
        /// <summary>What follows the name, as help shows it: "&lt;key&gt; &lt;value&gt;", "[n]".</summary>
        public string Arguments { get; }
        public int MinArguments { get; }
        public int MaxArguments { get; }
        public CommandAccess Access { get; }
        public string Summary { get; }
        public string Example { get; }

        public string Usage => Arguments.Length == 0 ? Name : Name + " " + Arguments;

        /// <summary>Protected commands are logged as events, whoever types them.</summary>
        public bool Protected => Access != CommandAccess.Open;
    }
}
