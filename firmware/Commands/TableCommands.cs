using ChargeController.Firmware.Handoff;
using ChargeController.Hal;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// tariff, schedule and fleet-list: each builds the new table in a staging copy, hands it to the storage thread to
    /// store (a CRC-sealed file of its own), and only once it is stored makes it the pile's (<see cref="Finish"/>); a
    /// version must rise, so an old table sent again changes nothing.
    /// </summary>
    internal sealed class TableCommands
    {
        public static readonly string[] TariffArguments = { "version", "utcOffsetMin", "slots" };
        public static readonly string[] ScheduleArguments = { "version", "utcOffsetMin", "days" };
        public static readonly string[] FleetArguments = { "version", "mode", "tags", "add", "remove" };

        private readonly JsonReader _json;
        private readonly CommandResult _result;
        private readonly TableFile _tariffFile;
        private readonly TableFile _hoursFile;
        private readonly TableFile _fleetFile;
        private readonly Tariff _tariffStage = new Tariff();
        private readonly OpeningHours _hoursStage = new OpeningHours();
        private readonly FleetList _fleetStage = new FleetList();
        private readonly byte[] _bands = new byte[Tariff.SlotCount];
        private readonly FlashTicket _flash;
        private IStoredTable _pending;

        public TableCommands(JsonReader json, CommandResult result, IFileStore store, FlashWrites writes)
        {
            _json = json;
            _result = result;
            _flash = new FlashTicket(writes);
            _tariffFile = new TableFile(store, Tariff.FileName, Tariff.StoredBytes);
            _hoursFile = new TableFile(store, OpeningHours.FileName, OpeningHours.StoredBytes);
            _fleetFile = new TableFile(store, FleetList.FileName, FleetList.StoredBytes);
        }

        public Tariff Tariff { get; } = new Tariff();
        public OpeningHours Hours { get; } = new OpeningHours();
        public FleetList Fleet { get; } = new FleetList();

        public void Load()
        {
            _tariffFile.Load(Tariff);
            _hoursFile.Load(Hours);
            _fleetFile.Load(Fleet);
        }

        public bool SetTariff()
        {
            int version, offset;
            var slots = Header(Tariff.Version, out version, out offset, "slots", Tariff.SlotCount,
                "slots must list 48 half-hour bands from local midnight");
            if (slots < 0)
                return false;
            var i = 0;
            for (var slot = _json.First(slots); slot >= 0; slot = _json.Next(slot))
            {
                int band;
                if (!_json.TryInt(slot, out band) || band < 0 || band >= Tariff.MaxBands)
                    return _result.Reject(CommandReasons.BadArgument, "each slot is a band from 0 to 3");
                _bands[i++] = (byte)band;
            }
            _tariffStage.Set(version, offset, _bands);
            return Store(_tariffFile, _tariffStage);
        }

        public bool SetSchedule()
        {
            int version, offset;
            var days = Header(Hours.Version, out version, out offset, "days", OpeningHours.Days,
                "days must list 7 [openMin, closeMin] pairs, Monday first");
            if (days < 0)
                return false;
            var d = 0;
            for (var day = _json.First(days); day >= 0; day = _json.Next(day))
            {
                int open, close;
                var first = _json.Kind(day) == JsonKind.Array && _json.Count(day) == 2 ? _json.First(day) : -1;
                if (first < 0 || !_json.TryInt(first, out open) || !_json.TryInt(_json.Next(first), out close) ||
                    !OpeningHours.ValidDay(open, close))
                    return _result.Reject(CommandReasons.BadArgument, "a day is [openMin, closeMin] with 0 <= open <= close <= 1440");
                _hoursStage.SetDay(d++, open, close);
            }
            _hoursStage.SetVersion(version, offset);
            return Store(_hoursFile, _hoursStage);
        }

        public bool UpdateFleet()
        {
            int version;
            if (!Version(Fleet.Version, out version))
                return false;
            var mode = _json.Member(JsonReader.Root, "mode");
            var replace = _json.StringEquals(mode, "replace");
            if (!replace && !_json.StringEquals(mode, "update"))
                return _result.Reject(CommandReasons.BadArgument, "mode must be replace or update");
            var tags = _json.Member(JsonReader.Root, "tags");
            var add = _json.Member(JsonReader.Root, "add");
            var remove = _json.Member(JsonReader.Root, "remove");
            if (replace ? tags < 0 || add >= 0 || remove >= 0 : tags >= 0 || (add < 0 && remove < 0))
                return _result.Reject(CommandReasons.BadArgument, "replace takes tags; update takes add and/or remove");
            if (!TagList(tags) || !TagList(add) || !TagList(remove))
                return false;
            if (replace)
                _fleetStage.Clear(version);
            else
                _fleetStage.CopyFrom(Fleet);
            if (!AddAll(replace ? tags : add))
                return false;
            for (var t = remove >= 0 ? _json.First(remove) : -1; t >= 0; t = _json.Next(t))
                _fleetStage.Remove(_json.String(t));
            _fleetStage.SetVersion(version);
            return Store(_fleetFile, _fleetStage);
        }

        /// <summary>A checked table goes to the storage thread; the command's answer waits for <see cref="Finish"/>.</summary>
        private bool Store(TableFile file, IStoredTable stage)
        {
            if (!_flash.TryPost(file.Stage(stage)))
                return _result.Reject(CommandReasons.StorageFailed, "storage is busy with an earlier write; nothing changed");
            _pending = stage;
            return _result.Accept(CommandReasons.Ok, "storing");
        }

        /// <summary>A table is waiting for the storage thread.</summary>
        public bool Pending => _pending != null;

        /// <summary>The storage thread has written the pending table (<see cref="Finish"/> answers).</summary>
        public bool Done => _flash.Done;

        /// <summary>Once <see cref="Done"/>: stored, the pending table becomes the pile's; else the old one stays.</summary>
        public bool Finish()
        {
            var stage = _pending;
            _pending = null;
            if (!_flash.Collect())
                return _result.Reject(CommandReasons.StorageFailed, "the table could not be stored; the old one stays");
            if (stage == _tariffStage)
                Tariff.CopyFrom(_tariffStage);
            else if (stage == _hoursStage)
                Hours.CopyFrom(_hoursStage);
            else
                Fleet.CopyFrom(_fleetStage);
            return _result.Accept(CommandReasons.Ok, stage == _tariffStage ? "tariff stored" : stage == _hoursStage ? "opening hours stored" : "fleet list stored");
        }

        /// <summary>version, utcOffsetMin and the table's array of <paramref name="count"/> entries: the array's token, or -1 (rejected).</summary>
        private int Header(int current, out int version, out int offset, string name, int count, string why)
        {
            offset = 0;
            if (!Version(current, out version) || !Offset(out offset))
                return -1;
            var array = _json.Member(JsonReader.Root, name);
            if (array < 0 || _json.Kind(array) != JsonKind.Array || _json.Count(array) != count)
            {
                _result.Reject(CommandReasons.BadArgument, why);
                return -1;
            }
            return array;
        }

        /// <summary>Absent (-1), or an array of at most 48 valid id tags.</summary>
        private bool TagList(int list)
        {
            if (list < 0)
                return true;
            if (_json.Kind(list) != JsonKind.Array || _json.Count(list) > FleetList.MaxTagsPerCommand)
                return _result.Reject(CommandReasons.BadArgument, "a tag list is an array of at most 48 id tags");
            for (var t = _json.First(list); t >= 0; t = _json.Next(t))
                if (_json.Kind(t) != JsonKind.String || _json.RawLength(t) > IdTags.MaxBytes || !IdTags.Valid(_json.String(t)))
                    return _result.Reject(CommandReasons.BadArgument, "id tags are 1 to 20 printable ASCII characters");
            return true;
        }

        private bool AddAll(int list)
        {
            for (var t = list >= 0 ? _json.First(list) : -1; t >= 0; t = _json.Next(t))
                if (!_fleetStage.Add(_json.String(t)))
                    return _result.Reject(CommandReasons.BadArgument, "the fleet list holds at most 128 id tags");
            return true;
        }

        private bool Version(int current, out int version)
        {
            var v = _json.Member(JsonReader.Root, "version");
            if (v < 0 || !_json.TryInt(v, out version) || version < 1)
            {
                version = 0;
                return _result.Reject(CommandReasons.BadArgument, "version must be a whole number from 1");
            }
            if (version <= current)
                return _result.Reject(CommandReasons.StaleVersion, "the pile already holds this version or a newer one");
            return true;
        }

        private bool Offset(out int offset)
        {
            var o = _json.Member(JsonReader.Root, "utcOffsetMin");
            if (o < 0 || !_json.TryInt(o, out offset) || offset < -LocalTime.MaxOffsetMin || offset > LocalTime.MaxOffsetMin)
            {
                offset = 0;
                return _result.Reject(CommandReasons.BadArgument, "utcOffsetMin must be -840 to 840 (China: 480)");
            }
            return true;
        }
    }
}
