namespace ChargeController.Runtime.Console
{
    /// <summary>One console command as `help` shows it and the shell matches it: a row of <see cref="ConsoleCommands"/>.</summary>
    public sealed class ConsoleCommand
    {
        // The commands live for good and nanoCLR gives every field its own 12-byte block whatever its type: the four
        // small numbers share one int (a byte each), and the name's words are read from the name, not kept as an array.
        private readonly int _numbers; // Id, MinArguments, MaxArguments, Access: a byte each, from the lowest

        public ConsoleCommand(int id, string name, string arguments, int minArguments, int maxArguments, CommandAccess access,
            string summary, string example)
        {
            if ((id | minArguments | maxArguments | (int)access) >> 8 != 0)
                throw new System.ArgumentOutOfRangeException(nameof(id), name + ": id, argument counts and access are 0..255");
            Name = name;
            Arguments = arguments;
            Summary = summary;
            // Every literal that runs is a string object of its own on nanoCLR: an example that is the bare name keeps the name's.
            Example = example == name ? name : example;
            _numbers = id | (minArguments << 8) | (maxArguments << 16) | ((int)access << 24);
        }

        public int Id => _numbers & 0xFF;
        /// <summary>One or two words: "status", "config set".</summary>
        public string Name { get; }
        /// <summary>What follows the name, as help shows it: "&lt;key&gt; &lt;value&gt;", "[n]".</summary>
        public string Arguments { get; }
        public int MinArguments => (_numbers >> 8) & 0xFF;
        public int MaxArguments => (_numbers >> 16) & 0xFF;
        public CommandAccess Access => (CommandAccess)((_numbers >> 24) & 0xFF);
        public string Summary { get; }
        public string Example { get; }

        /// <summary>How many words the name has.</summary>
        public int WordCount
        {
            get
            {
                var count = 1;
                for (var i = 0; i < Name.Length; i++)
                    if (Name[i] == ' ')
                        count++;
                return count;
            }
        }

        public string Usage => Arguments.Length == 0 ? Name : Name + " " + Arguments;

        /// <summary>Protected commands are logged as events, whoever types them.</summary>
        public bool Protected => Access != CommandAccess.Open;

        /// <summary>True when a line's first words are this command's name; the line's words match in any case.</summary>
        public bool IsNamedBy(string[] words)
        {
            var count = WordCount;
            if (words.Length < count)
                return false;
            var at = 0;
            for (var i = 0; i < count; i++)
            {
                var end = WordEnd(at, words[i].ToLower());
                if (end < 0)
                    return false;
                at = end + 1; // past the space
            }
            return true;
        }

        /// <summary>True when the name's first word is <paramref name="word"/> (in lower case).</summary>
        public bool StartsWithWord(string word) => WordEnd(0, word) >= 0;

        /// <returns>where the name's word at <paramref name="at"/> ends when it is <paramref name="word"/>, else -1</returns>
        private int WordEnd(int at, string word)
        {
            var end = at + word.Length;
            if (end > Name.Length || (end < Name.Length && Name[end] != ' '))
                return -1;
            for (var i = 0; i < word.Length; i++)
                if (Name[at + i] != word[i])
                    return -1;
            return end;
        }
    }
}
