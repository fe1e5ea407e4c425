using ChargeController.Firmware.Charging;
using ChargeController.Firmware.Events;
using ChargeController.Firmware.Safety;
using ChargeController.Firmware.Text;
using ChargeController.Loader;

namespace ChargeController.Runtime.Console
{
    /// <summary>
    /// The control thread's half of the console: between ticks it takes at most one finished line from the console
    /// thread, checks who may run it, runs it against the pile and writes the reply and the next prompt into the output
    /// ring. It also holds the questions of a dialogue (the PIN after `login`, the new PIN twice after `pin change`).
    /// Protected commands and failed logins become events of the core's stream. A pass without a line allocates nothing.
    /// </summary>
    public sealed class ConsoleShell
    {
        /// <summary>How long a reboot waits for a queued save of the access record (a slow flash, a compaction ahead of it).</summary>
        public const int RebootWaitsForSaveMs = 10000;

        /// <summary>The id tag of `start` without one.</summary>
        public const string ConsoleIdTag = "console";

        private const int AskNothing = 0;
        private const int AskPin = 1;
        private const int AskNewPin = 2;
        private const int AskNewPinAgain = 3;

        private readonly IConsoleTarget _pile;
        private readonly ConsoleLineRing _lines;
        private readonly ByteRing _output;
        private readonly ReplyWriter _reply;
        private readonly ConsoleAccess _access;
        private readonly EventRing _events;
        private readonly ConsoleLine _line = new ConsoleLine();
        private readonly byte[] _newPin = new byte[Sha256.DigestBytes];
        private int _asking = AskNothing;
        private bool _rebootDue;
        private long _rebootDueSinceMs;
        private bool _awaiting;
        /// <summary>The new PIN's save the `pin change` reply waits for, 0 for none.</summary>
        private int _pinSave;
        private string _awaitedLine;
        private string _awaitedMessage;

        public ConsoleShell(IConsoleTarget pile, ConsoleLineRing lines, ByteRing output, ConsoleAccess access, EventRing events)
        {
            _pile = pile;
            _lines = lines;
            _output = output;
            _access = access;
            _events = events;
            _reply = new ReplyWriter(output);
            Prompt();
        }

        /// <summary>Machine mode (`mode json`).</summary>
        public bool Json => _reply.Json;

        /// <summary>Control thread, between ticks.</summary>
        public void Service(long nowMs)
        {
            _access.Pump(nowMs);
            if (_rebootDue)
            {
                if (_output.Count > 0)
                    return; // the reply first
                if (!_access.Saved && nowMs - _rebootDueSinceMs < RebootWaitsForSaveMs)
                    return; // and the access record's queued save: a reboot must not undo a lock-out or a good login
                _rebootDue = false;
                _pile.Reboot();
                return;
            }
            if (_awaiting)
            {
                Conclude(nowMs);
                return;
            }
            if (_pinSave != 0)
            {
                ConcludePinChange(nowMs);
                return;
            }
            _access.ExpireIdle(nowMs);
            if (!_lines.TryTake(_line))
                return;
            _access.Touch(nowMs);
            switch (_line.Kind)
            {
                case ConsoleLine.KindCancelled:
                    if (_asking != AskNothing)
                        Answer(_asking == AskPin ? "login" : "pin change", "cancelled", false, nowMs);
                    _asking = AskNothing;
                    break;
                case ConsoleLine.KindTooLong:
                    Answer("line", "line too long: at most " + ConsoleLine.MaxChars.ToString() + " characters; nothing was done", false, nowMs);
                    break;
                case ConsoleLine.KindSecret:
                    Secret(nowMs);
                    break;
                default:
                    if (_line.Length > 0)
                        Run(_line.TextString(), nowMs);
                    break;
            }
            if (_rebootDue)
                _reply.Ready("", false); // no prompt of this boot: the next boot's shell prompts
            else if (!_awaiting && _pinSave == 0)
                Prompt();
        }

        /// <summary>The reply to a command that took time (<see cref="Await"/>), once the pile has carried it out.</summary>
        private void Conclude(long nowMs)
        {
            string rejection;
            if (!_pile.Finished(out rejection))
                return;
            _awaiting = false;
            if (rejection == null)
                _reply.Message(_awaitedMessage);
            else
                _reply.Error(rejection);
            _reply.End();
            _events.Console(nowMs, _awaitedLine, rejection);
            _awaitedLine = null;
            _awaitedMessage = null;
            Prompt();
        }

        private void Run(string text, long nowMs)
        {
            var words = Words(text);
            if (words.Length == 0)
                return;
            var command = ConsoleCommands.Match(words);
            if (command == null)
            {
                var usages = ConsoleCommands.UsagesStartingWith(words[0].ToLower());
                Answer(words[0], usages != null ? "bad argument: usage: " + usages : "unknown command '" + words[0] + "' (type help)", false, nowMs);
                return;
            }
            _reply.Begin(command.Name);
            var at = command.WordCount;
            var arguments = words.Length - at;
            var rejection = command.Protected ? Permission(command, nowMs) : null;
            if (rejection == null && (arguments < command.MinArguments || arguments > command.MaxArguments))
                rejection = "bad argument: usage: " + command.Usage;
            if (rejection == null)
                rejection = Execute(command.Id, words, at, nowMs);
            if (_awaiting)
            {
                _awaitedLine = text.Trim(); // the reply and the event wait for the outcome
                return;
            }
            if (rejection != null)
                _reply.Error(rejection);
            _reply.End();
            var dialogueStarted = command.Id == ConsoleCommands.PinChange && rejection == null;
            if (command.Protected && !dialogueStarted)
                _events.Console(nowMs, text.Trim(), rejection);
        }

        private string Permission(ConsoleCommand command, long nowMs)
        {
            if (_access.Level == AccessLevel.None)
            {
                var lockedMs = _access.LockedForMs(nowMs);
                if (lockedMs > 0)
                    return "not logged in, and logins are locked for another " + ((lockedMs + 999) / 1000).ToString() + " s";
                return _access.EndedIdle ? "not logged in: the login ended after 10 minutes idle; type login" : "not logged in: type login";
            }
            if (command.Access == CommandAccess.Technician && _access.Level == AccessLevel.Factory)
                return "the factory PIN only allows 'pin change': set a technician PIN first";
            return null;
        }

        private string Execute(int id, string[] words, int at, long nowMs)
        {
            var argument = words.Length > at ? words[at] : null;
            switch (id)
            {
                case ConsoleCommands.Help: return PileReports.Help(_reply, argument == null ? null : Tail(words, at));
                case ConsoleCommands.Status: return PileReports.Status(_pile, _reply, nowMs);
                case ConsoleCommands.Pilot: return PileReports.Pilot(_pile, _reply);
                case ConsoleCommands.Meter: return PileReports.Meter(_pile, _reply, nowMs);
                case ConsoleCommands.Site: return _pile.SiteReport(_reply);
                case ConsoleCommands.Update: return _pile.UpdateReport(_reply);
                case ConsoleCommands.Faults: return PileReports.Faults(_pile, _reply);
                case ConsoleCommands.Sessions: return PileReports.Sessions(_pile, _reply, argument, nowMs);
                case ConsoleCommands.Outbox: return PileReports.Outbox(_pile, _reply);
                case ConsoleCommands.Net: return PileReports.Net(_pile, _reply);
                case ConsoleCommands.Version: return PileReports.Version(_pile, _reply);
                case ConsoleCommands.Uptime: return PileReports.Uptime(_pile, _reply, nowMs);
                case ConsoleCommands.ConfigList: return PileReports.ConfigList(_pile, _reply, argument);
                case ConsoleCommands.ConfigGet: return PileReports.ConfigGet(_pile, _reply, argument);
                case ConsoleCommands.Login: return StartLogin(nowMs);
                case ConsoleCommands.Logout: _access.Logout(nowMs); return Done("logged out");
                case ConsoleCommands.Mode: return SetMode(argument);
                case ConsoleCommands.ConfigSet: return Await(_pile.SetConfig(argument, words[at + 1]), "stored " + argument + "=" + words[at + 1] + "; it applies at the next reboot");
                case ConsoleCommands.Limit: return Limit(argument);
                case ConsoleCommands.Start: return Done(_pile.Authorize(argument ?? ConsoleIdTag), "authorised: plug in (or wait) and the charge starts");
                case ConsoleCommands.Stop: return Done(_pile.Stop(), "stopping");
                case ConsoleCommands.Enable: return Done(_pile.SetAvailable(true), "connector available");
                case ConsoleCommands.Disable: return Done(_pile.SetAvailable(false), "connector unavailable (after the running session, if any)");
                case ConsoleCommands.ClearFault: return ClearFault(argument);
                case ConsoleCommands.SelfTestRcd: return Await(_pile.StartResidualCurrentSelfTest(), "residual-current self-test passed");
                case ConsoleCommands.SafeModeClear: return Done(_pile.LeaveSafeMode(), "safe mode cleared");
                case ConsoleCommands.Reboot: _rebootDue = true; _rebootDueSinceMs = nowMs; return Done("rebooting");
                case ConsoleCommands.Health: return _pile.ShowHealth(_reply);
                case ConsoleCommands.HealthReset: return Done(_pile.ResetHealth(argument), "health of the " + argument + " starts again");
                case ConsoleCommands.PinChange: return Ask(AskNewPin, "type the new PIN (6 to 12 digits, not echoed), then once more");
            }
            return "no such command"; // every row of the table has a case above
        }

        private string StartLogin(long nowMs)
        {
            var refusal = _access.MayTry(nowMs);
            return refusal ?? Ask(AskPin, null);
        }

        private string Ask(int question, string message)
        {
            _asking = question;
            if (_reply.Json)
                _reply.Field("next", "pin");
            else if (message != null)
                _reply.Message(message);
            return null;
        }

        private string SetMode(string mode)
        {
            if (mode != "json" && mode != "human")
                return "bad argument: usage: mode human|json";
            _reply.Json = mode == "json"; // nothing of this reply is written yet: all of it is in the new mode
            return Done("mode " + mode);
        }

        private string Limit(string amps)
        {
            if (amps == "off")
                return Done(_pile.SetLimitMa(CurrentLimit.NoLimitMa), "limit lifted");
            int limitA;
            if (!int.TryParse(amps, out limitA) || !CurrentLimit.IsLimitA(limitA))
                return "bad argument: limit is " + CurrentLimit.LimitARange + " A (below 6 A pauses the charge), or off";
            var ratedA = _pile.RatedMa / 1000;
            return Done(_pile.SetLimitMa(limitA * 1000), "limit " + limitA.ToString() + " A" +
                (limitA > ratedA ? ": above this pile's rating, which decides: at most " + ratedA.ToString() + " A" : ""));
        }

        private string ClearFault(string code)
        {
            for (var fault = Fault.ResidualCurrentAc; (int)fault < FaultBook.FaultCount; fault++)
                if (FaultPolicies.DetailOf(fault) == code)
                    return Done(_pile.ClearFault(fault), "fault " + code + " cleared");
            var codes = FaultPolicies.DetailOf(Fault.ResidualCurrentAc);
            for (var fault = Fault.ResidualCurrentDc; (int)fault < FaultBook.FaultCount; fault++)
                codes += ", " + FaultPolicies.DetailOf(fault);
            return "bad argument: no fault '" + code + "'; the codes are " + codes;
        }

        /// <summary>A PIN typed at one of the shell's questions (its digest; the PIN stayed on the console thread).</summary>
        private void Secret(long nowMs)
        {
            var asked = _asking;
            _asking = AskNothing;
            if (asked == AskPin)
            {
                var rejection = _access.Login(_line, nowMs);
                Answer("login", rejection, rejection == null, nowMs);
                return;
            }
            if (asked == AskNewPin)
            {
                if (_line.Shape == ConsoleLine.ShapeWellFormed)
                {
                    System.Array.Copy(_line.Digest, _newPin, Sha256.DigestBytes);
                    _asking = AskNewPinAgain;
                    return;
                }
                var why = _line.Shape == ConsoleLine.ShapeFactory ? "the new PIN must not be the factory PIN" : "a PIN is 6 to 12 digits";
                PinChangeRefused(why + "; nothing changed", nowMs);
                return;
            }
            if (asked == AskNewPinAgain)
            {
                if (!PinHasher.Same(_line.Digest, _newPin))
                {
                    PinChangeRefused("the two PINs differ; nothing changed", nowMs);
                    return;
                }
                _pinSave = _access.ChangePin(_newPin, nowMs); // the reply waits until it is on flash
                return;
            }
            Answer("line", "no PIN was asked for", false, nowMs);
        }

        private void PinChangeRefused(string why, long nowMs)
        {
            _events.Console(nowMs, "pin change", why);
            Answer("pin change", why, false, nowMs);
        }

        /// <summary>A reply that is only a message, or only an error.</summary>
        private void Answer(string command, string rejection, bool loggedIn, long nowMs)
        {
            _reply.Begin(command);
            if (rejection != null)
                _reply.Error(rejection);
            else if (loggedIn && _access.Level == AccessLevel.Factory)
                _reply.Message("logged in with the factory PIN: only 'pin change' is allowed until a technician PIN is set");
            else
                _reply.Message(command == "login" ? "logged in" : command == "pin change" ? "PIN changed; logged in" : "done");
            _reply.End();
        }

        private void ConcludePinChange(long nowMs)
        {
            string rejection;
            if (!_access.PinStored(_pinSave, out rejection))
                return;
            _pinSave = 0;
            Answer("pin change", rejection, false, nowMs);
            Prompt();
        }

        private string Done(string message)
        {
            _reply.Message(message);
            return null;
        }

        private string Done(string rejection, string message) => rejection ?? Done(message);

        /// <summary>An accepted command that takes time: its reply waits until the pile has carried it out.</summary>
        private string Await(string rejection, string message)
        {
            if (rejection != null)
                return rejection;
            _awaiting = true;
            _awaitedMessage = message;
            return null;
        }

        private void Prompt()
        {
            string prompt;
            if (_asking == AskPin)
                prompt = "PIN: ";
            else if (_asking == AskNewPin)
                prompt = "new PIN: ";
            else if (_asking == AskNewPinAgain)
                prompt = "new PIN again: ";
            else
                prompt = _access.Level == AccessLevel.None ? "pile> " : "pile# ";
            _reply.Ready(prompt, _asking != AskNothing);
        }

        /// <summary>The line's words as typed (keys and id tags keep their case; command names match in any case).</summary>
        private static string[] Words(string text)
        {
            var parts = text.Split(' ');
            var count = 0;
            foreach (var part in parts)
                if (part.Length > 0)
                    count++;
            var words = Strings.Filled(new string[count]);
            var n = 0;
            foreach (var part in parts)
                if (part.Length > 0)
                    words[n++] = part;
            return words;
        }

        private static string[] Tail(string[] words, int from)
        {
            var tail = Strings.Filled(new string[words.Length - from]);
            System.Array.Copy(words, from, tail, 0, tail.Length);
            return tail;
        }
    }
}
