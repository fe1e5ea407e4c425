namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// Writes one reply into the output ring, human-readable or as one JSON line (machine mode), from the same calls:
    /// fields ("name value" lines, or "name":value), lists of items (one "k=v k=v" line each, or an array of objects),
    /// maps (one "key = value" line each, or an object) and a message. A reply that would not fit is cut between two
    /// fields and says so (valid JSON either way); room is always kept for its end and the next prompt.
    /// Control thread; writing text from strings allocates nothing.
    /// </summary>
    public sealed class ReplyWriter
    {
        /// <summary>Room kept for closing a cut reply, the prompt and the ready marker.</summary>
        private const int Reserve = 96;
        private const int NameColumn = 14;

        private readonly ByteRing _out;
        private string _command;
        private bool _started;
        private bool _inList;
        private bool _map;
        private bool _inItem;
        private bool _firstEntry;
        private bool _firstInItem;
        private bool _cut;
        private bool _closing;

        public ReplyWriter(ByteRing output)
        {
            _out = output;
        }

        /// <summary>Machine mode: one JSON object a line.</summary>
        public bool Json;

        public void Begin(string command)
        {
            _command = command;
            _started = false;
            _inList = false;
            _inItem = false;
            _cut = false;
        }

        public void Field(string name, string value) => Put(name, value, true);

        public void Field(string name, long value) => Put(name, value.ToString(), false);

        public void Field(string name, bool value) => Put(name, value ? "true" : "false", false);

        /// <summary>A sentence for the technician ("message" in JSON; one per reply).</summary>
        public void Message(string text)
        {
            if (Json)
            {
                Put("message", text, true);
                return;
            }
            Start(true);
            var mark = _out.Staged;
            if (!(Emit(text) && Emit("\r\n")))
                Cut(mark);
        }

        /// <summary>The command failed: "error: ..." or {"ok":false,...,"error":"..."}.</summary>
        public void Error(string text)
        {
            if (Json)
            {
                Start(false);
                Put("error", text, true);
                return;
            }
            Start(false);
            var mark = _out.Staged;
            if (!(Emit("error: ") && Emit(text) && Emit("\r\n")))
                Cut(mark);
        }

        public void BeginList(string name) => Open(name, false);

        public void BeginMap(string name) => Open(name, true);

        /// <summary>Starts the next item of a list; its fields follow.</summary>
        public void Item()
        {
            CloseItem();
            if (_cut)
                return;
            var mark = _out.Staged;
            if (!(Json ? Emit(_firstEntry ? "{" : ",{") : Emit("  ")))
            {
                Cut(mark);
                return;
            }
            _firstEntry = false;
            _inItem = true;
            _firstInItem = true;
        }

        /// <summary>One entry of a map.</summary>
        public void Entry(string key, string value, bool quoted)
        {
            if (_cut)
                return;
            var mark = _out.Staged;
            bool fits;
            if (Json)
                fits = Emit(_firstEntry ? "" : ",") && Quoted(key) && Emit(":") && (quoted ? Quoted(value) : Emit(value));
            else
                fits = Emit("  ") && Emit(key) && Emit(" = ") && Emit(value) && Emit("\r\n");
            if (fits)
                _firstEntry = false;
            else
                Cut(mark);
        }

        public void EndList()
        {
            CloseItem();
            _inList = false;
            var mark = _out.Staged;
            _closing = _cut;
            if (!(Json ? Emit(_map ? "}" : "]") : !_firstEntry || Emit("  none\r\n")))
                Cut(mark);
            _closing = false;
        }

        /// <summary>Ends the reply and publishes it.</summary>
        public void End()
        {
            _closing = true;
            if (_inList)
                EndList();
            _closing = true;
            if (Json)
            {
                Start(true);
                if (_cut)
                    Emit(",\"cut\":true");
                Emit("}\r\n");
            }
            else if (_cut)
            {
                Emit("(reply cut: longer than the console's output buffer)\r\n");
            }
            _closing = false;
            _out.Publish();
        }

        /// <summary>The prompt (human mode only) and the marker that lets the console read the next line.</summary>
        public void Ready(string prompt, bool secret)
        {
            _closing = true;
            if (!Json)
                Emit(prompt);
            _out.Stage(ReadyMarker.Of(secret, Json));
            _closing = false;
            _out.Publish();
        }

        private void Open(string name, bool map)
        {
            Start(true);
            _inList = true;
            _map = map;
            _firstEntry = true;
            _inItem = false;
            if (_cut)
                return;
            var mark = _out.Staged;
            var fits = Json ? Emit(",") && Quoted(name) && Emit(map ? ":{" : ":[") : Emit(name) && Emit(":\r\n");
            if (!fits)
                Cut(mark);
        }

        private void CloseItem()
        {
            if (!_inItem)
                return;
            _inItem = false;
            _closing = _cut;
            var mark = _out.Staged;
            if (!(Json ? Emit("}") : Emit("\r\n")))
                Cut(mark);
            _closing = false;
        }

        private void Put(string name, string value, bool quoted)
        {
            Start(true);
            if (_cut)
                return;
            var mark = _out.Staged;
            bool fits;
            if (_inItem)
            {
                fits = Json
                    ? Emit(_firstInItem ? "" : ",") && Quoted(name) && Emit(":") && (quoted ? Quoted(value) : Emit(value))
                    : Emit(_firstInItem ? "" : " ") && Emit(name) && Emit("=") && Emit(value);
                _firstInItem = false;
            }
            else if (Json)
            {
                fits = Emit(",") && Quoted(name) && Emit(":") && (quoted ? Quoted(value) : Emit(value));
            }
            else
            {
                fits = Emit(name) && Pad(NameColumn - name.Length) && Emit(value) && Emit("\r\n");
            }
            if (!fits)
                Cut(mark);
        }

        /// <summary>Opens the JSON object on the reply's first output.</summary>
        private void Start(bool ok)
        {
            if (_started)
                return;
            _started = true;
            if (!Json)
                return;
            var closing = _closing;
            _closing = true; // the head always fits: the ring is empty when a reply begins
            Emit(ok ? "{\"ok\":true,\"cmd\":" : "{\"ok\":false,\"cmd\":");
            Quoted(_command);
            _closing = closing;
        }

        private void Cut(int mark)
        {
            _out.Unstage(mark);
            _cut = true;
        }

        private bool Pad(int spaces)
        {
            if (spaces < 1)
                spaces = 1;
            for (var i = 0; i < spaces; i++)
                if (!Put(' '))
                    return false;
            return true;
        }

        private bool Quoted(string text)
        {
            if (!Put('"'))
                return false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if ((c == '"' || c == '\\') && !Put('\\'))
                    return false;
                if (!Put(c))
                    return false;
            }
            return Put('"');
        }

        private bool Emit(string text)
        {
            for (var i = 0; i < text.Length; i++)
                if (!Put(text[i]))
                    return false;
            return true;
        }

        private bool Put(char c)
        {
            if (_out.Free <= (_closing ? 0 : Reserve))
                return false;
            return _out.Stage(c >= ' ' && c <= '~' || c == '\r' || c == '\n' ? (byte)c : (byte)'?');
        }
    }
}
