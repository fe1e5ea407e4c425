using System.Threading;

namespace ChargeController.Firmware.Handoff
{
    /// <summary>
    /// A few words one thread writes and another copies out whole without a lock: a version counter is odd while the
    /// writer changes them and moves with every write, each word is published with Interlocked (never torn on the ESP32),
    /// and a copy taken across a write is taken again, a few times at most (the writer never waits). The status snapshot
    /// and the runtime's site snapshot are made of it.
    /// </summary>
    public sealed class SnapshotWords
    {
        private const int MaxCopyTries = 4;

        private readonly int[] _words;
        private int _version;

        public SnapshotWords(int count)
        {
            _words = new int[count];
        }

        /// <summary>Changes with every write (odd while one is under way); any thread.</summary>
        public int Version => Interlocked.CompareExchange(ref _version, 0, 0);

        /// <summary>The writer's own view of a word (the writer alone changes them).</summary>
        public int this[int word] => _words[word];

        /// <summary>The writer, before it sets the words that changed.</summary>
        public void BeginWrite() => Interlocked.Increment(ref _version);

        public void Set(int word, int value) => Interlocked.Exchange(ref _words[word], value);

        /// <summary>The writer, once the words are set: the reader may copy them again.</summary>
        public void EndWrite() => Interlocked.Increment(ref _version);

        /// <summary>The reader: every word into <paramref name="copy"/>, all from one write.</summary>
        /// <returns>false when the writer kept writing during every try (<paramref name="copy"/> is then not whole)</returns>
        public bool CopyTo(int[] copy)
        {
            for (var attempt = 0; attempt < MaxCopyTries; attempt++)
            {
                var before = Version;
                if ((before & 1) != 0)
                    continue;
                for (var word = 0; word < _words.Length; word++)
                    copy[word] = Interlocked.CompareExchange(ref _words[word], 0, 0);
                if (Version == before)
                    return true;
            }
            return false;
        }
    }
}
