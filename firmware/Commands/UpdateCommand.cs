using ChargeController.Firmware.Updates;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// update {"package":"cc-1.4.0","manifestBytes":1234,"windowStart":"02:00","windowEnd":"05:00"}: the pile fetches the
    /// named package over the link and installs it (<see cref="UpdateAgent"/>). Accepted "ok" means offered: the pile
    /// fetches it, and says how it goes in `update` events. The window, both ends or neither, is local time (the opening
    /// hours' offset from UTC) when the switch may happen; without one the pile switches once no session runs.
    /// </summary>
    internal sealed class UpdateCommand
    {
        public static readonly string[] Arguments = { "package", "manifestBytes", "windowStart", "windowEnd" };

        private readonly JsonReader _json;
        private readonly CommandResult _result;

        public UpdateCommand(JsonReader json, CommandResult result)
        {
            _json = json;
            _result = result;
        }

        /// <param name="agent">the pile's update agent, or null for a pile that takes no updates</param>
        public bool Execute(UpdateAgent agent, long nowMs)
        {
            var package = _json.Member(JsonReader.Root, "package");
            if (package < 0 || _json.Kind(package) != JsonKind.String ||
                !UpdateNames.IsValid(_json.Buffer, _json.RawStart(package), _json.RawLength(package)))
                return _result.Reject(CommandReasons.BadArgument, "package must be 1 to 48 of A-Z a-z 0-9 . _ -");
            int manifestBytes;
            var size = _json.Member(JsonReader.Root, "manifestBytes");
            if (size < 0 || !_json.TryInt(size, out manifestBytes) || manifestBytes < 1 || manifestBytes > JsonReader.MaxBytes)
                return _result.Reject(CommandReasons.BadArgument, "manifestBytes must be 1 to 2048");
            var start = Minutes("windowStart");
            var end = Minutes("windowEnd");
            if (start == -2 || end == -2 || (start < 0) != (end < 0) || (start >= 0 && start == end))
                return _result.Reject(CommandReasons.BadArgument, "windowStart and windowEnd are two different times HH:MM, or neither");
            if (agent == null)
                return _result.Reject(CommandReasons.Refused, "this pile has no update slots");
            var refusal = agent.Offer(_json.String(package), manifestBytes, start, end, nowMs);
            if (refusal != null)
                return _result.Reject(CommandReasons.Busy, refusal);
            return _result.Accept(CommandReasons.Ok, "offered: the pile fetches it");
        }

        /// <returns>minutes after midnight, -1 when the argument is absent, -2 when it is not "HH:MM"</returns>
        private int Minutes(string name)
        {
            var token = _json.Member(JsonReader.Root, name);
            if (token < 0)
                return -1;
            if (_json.Kind(token) != JsonKind.String || _json.RawLength(token) != 5)
                return -2;
            var b = _json.Buffer;
            var at = _json.RawStart(token);
            var hours = Digit(b[at]) * 10 + Digit(b[at + 1]);
            var minutes = Digit(b[at + 3]) * 10 + Digit(b[at + 4]);
            if (b[at + 2] != ':' || hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
                return -2;
            return hours * 60 + minutes;
        }

        private static int Digit(byte c) => c >= '0' && c <= '9' ? c - '0' : -100;
    }
}
