using ChargeController.Firmware.Config;
using ChargeController.Firmware.Storage;
using ChargeController.Firmware.Telemetry;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// config get {"op":"get","keys":[..]} and config set {"op":"set","values":{"key":value,..},"confirm":true}:
    /// values are checked by the same rules as the console (each key's range, then the whole configuration), handed to the
    /// storage thread to store (the answer waits for it, <see cref="Finish"/>), and apply at the next boot (the core reads its settings when it is built), which the answer says key by key.
    /// Installation-critical keys change only with "confirm":true.
    /// </summary>
    internal sealed class ConfigCommand
    {
        public static readonly string[] Arguments = { "op", "keys", "values", "confirm" };
        public const int MaxKeys = 16;

        private readonly JsonReader _json;
        private readonly CommandResult _result;
        private readonly PileConfig _config;
        private readonly ConfigWrite _write;
        private int _list;
        private bool _set;

        /// <param name="write">the change of the stored configuration, which the console's config set shares</param>
        public ConfigCommand(JsonReader json, CommandResult result, PileConfig config, ConfigWrite write)
        {
            _json = json;
            _result = result;
            _config = config;
            _write = write;
        }

        /// <summary>A config set is waiting for the storage thread.</summary>
        public bool Pending { get; private set; }

        public bool Execute()
        {
            var op = _json.Member(JsonReader.Root, "op");
            _set = _json.StringEquals(op, "set");
            if (!_set && !_json.StringEquals(op, "get"))
                return _result.Reject(CommandReasons.BadArgument, "op must be get or set");
            return _set ? Set() : Get();
        }

        private bool Get()
        {
            _list = _json.Member(JsonReader.Root, "keys");
            if (_json.Member(JsonReader.Root, "values") >= 0 || _json.Member(JsonReader.Root, "confirm") >= 0)
                return _result.Reject(CommandReasons.BadArgument, "get takes keys only");
            if (_list < 0 || _json.Kind(_list) != JsonKind.Array || _json.Count(_list) < 1 || _json.Count(_list) > MaxKeys)
                return _result.Reject(CommandReasons.BadArgument, "keys must list 1 to 16 config keys");
            for (var t = _json.First(_list); t >= 0; t = _json.Next(t))
                if (KeyOf(t) == null)
                    return UnknownKey(t);
            _result.Extra = this;
            return _result.Accept(CommandReasons.Ok, "stored values; a change applies at the next boot");
        }

        private bool Set()
        {
            _list = _json.Member(JsonReader.Root, "values");
            var confirm = _json.Member(JsonReader.Root, "confirm");
            if (_json.Member(JsonReader.Root, "keys") >= 0)
                return _result.Reject(CommandReasons.BadArgument, "set takes values and confirm");
            if (confirm >= 0 && _json.Kind(confirm) != JsonKind.True && _json.Kind(confirm) != JsonKind.False)
                return _result.Reject(CommandReasons.BadArgument, "confirm is true or false");
            if (_list < 0 || _json.Kind(_list) != JsonKind.Object || _json.Count(_list) < 1 || _json.Count(_list) > MaxKeys)
                return _result.Reject(CommandReasons.BadArgument, "values must set 1 to 16 config keys");
            var candidate = _write.Begin();
            if (candidate == null)
                return _result.Reject(CommandReasons.StorageFailed, "storage is busy with an earlier write; nothing changed");
            var confirmed = _json.IsTrue(confirm);
            for (var name = _json.FirstName(_list); name >= 0; name = _json.NextName(name))
            {
                var key = KeyOf(name);
                if (key == null)
                    return UnknownKey(name);
                var value = name + 1;
                if (_json.Kind(value) != JsonKind.String && _json.Kind(value) != JsonKind.Number)
                    return _result.Reject(CommandReasons.BadArgument, "a config value is a string or a number");
                if (key.Critical && !confirmed)
                    return _result.Reject(CommandReasons.ConfirmRequired, "an installation-critical key changes only with \"confirm\":true");
                var error = candidate.Set(key.Name, _json.String(value));
                if (error != null)
                    return _result.Reject(CommandReasons.BadArgument, error);
            }
            var inconsistency = candidate.Inconsistency();
            if (inconsistency != null)
                return _result.Reject(CommandReasons.BadArgument, inconsistency);
            if (!_write.TryPost())
                return _result.Reject(CommandReasons.StorageFailed, "storage is busy with an earlier write; nothing changed");
            Pending = true;
            return _result.Accept(CommandReasons.Ok, "storing");
        }

        /// <summary>The storage thread has written the candidate (<see cref="Finish"/> answers).</summary>
        public bool Done => _write.Done;

        /// <summary>Once <see cref="Done"/>: stored, the candidate is the running configuration's record; else nothing changed.</summary>
        public bool Finish()
        {
            Pending = false;
            if (!_write.Finish())
                return _result.Reject(CommandReasons.StorageFailed, "the configuration could not be stored; nothing changed");
            _result.Extra = this;
            return _result.Accept(CommandReasons.Ok, "stored; applies at the next boot");
        }

        /// <summary>config get: "values":{key:value}; config set: "now":[] and "nextBoot":[keys].</summary>
        public void WriteResult(JsonWriter writer)
        {
            if (!_set)
            {
                writer.BeginObject("values");
                for (var t = _json.First(_list); t >= 0; t = _json.Next(t))
                {
                    var key = KeyOf(t);
                    writer.String(key.Name, key.Format(_config.Get(key)));
                }
                writer.EndObject();
                return;
            }
            writer.BeginArray("now").EndArray();
            writer.BeginArray("nextBoot");
            for (var name = _json.FirstName(_list); name >= 0; name = _json.NextName(name))
                writer.String(KeyOf(name).Name);
            writer.EndArray();
        }

        private bool UnknownKey(int token) =>
            _json.Kind(token) == JsonKind.String
                ? _result.RejectNaming(CommandReasons.BadArgument, "unknown config key", _json, token, " (docs/configuration.md lists them)")
                : _result.Reject(CommandReasons.BadArgument, "keys are config key names, in quotes");

        private ConfigKey KeyOf(int token) =>
            _json.Kind(token) == JsonKind.String && _json.RawLength(token) <= JsonReader.MaxNameBytes * 2 ? ConfigKeys.Find(_json.String(token)) : null;

    }
}
