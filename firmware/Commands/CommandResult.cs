using ChargeController.Firmware.Telemetry;
using ChargeController.Loader;

namespace ChargeController.Firmware.Commands
{
    /// <summary>
    /// The answer to one command: {"v":1,"id":..,"status":"Accepted"|"Rejected","reason":..,"text":..} plus, for config,
    /// the values read or where the change applies. Reused for every command; written by the allocation-free writer.
    /// </summary>
    public sealed class CommandResult
    {
        public const int MaxBytes = 1024;

        public string Id { get; private set; }
        public bool Accepted { get; private set; }
        public string Reason { get; private set; }
        public string Text { get; private set; }
        /// <summary>The answer repeats the one given to the first command with this id (which is not run again).</summary>
        public bool Replayed { get; private set; }

        /// <summary>Writes the members that follow the five of every result (config get and set); null for none.</summary>
        internal ConfigCommand Extra { get; set; }

        internal void Begin(string id)
        {
            Id = id;
            Accepted = false;
            Reason = CommandReasons.Malformed;
            Text = "";
            Extra = null;
            Replayed = false;
        }

        internal void SetId(string id) => Id = id;

        /// <returns>true, so an executing command can end with <c>return result.Accept(...)</c></returns>
        internal bool Accept(string reason, string text)
        {
            Accepted = true;
            Reason = reason;
            Text = text;
            return true;
        }

        /// <summary>The original answer to this id, marked replayed; a config command's extra members are not repeated.</summary>
        /// <returns>false: nothing was run</returns>
        internal bool Repeat(bool accepted, string reason, string text)
        {
            Accepted = accepted;
            Reason = reason;
            Text = text;
            Extra = null;
            Replayed = true;
            return false;
        }

        /// <returns>false</returns>
        internal bool Reject(string reason, string text)
        {
            Accepted = false;
            Reason = reason;
            Text = text;
            Extra = null;
            return false;
        }

        /// <summary>
        /// A rejection that names the member or value it is about: <paramref name="before"/> 'name' <paramref name="after"/>.
        /// Allocates the text (a refused command only); a name longer than <see cref="JsonReader.MaxNameBytes"/> characters
        /// is cut there, so the text stays within the result and its answer's record.
        /// </summary>
        /// <returns>false</returns>
        internal bool RejectNaming(string reason, string before, JsonReader json, int token, string after)
        {
            var name = json.Kind(token) == JsonKind.String ? json.String(token) : "";
            if (name.Length > JsonReader.MaxNameBytes)
            {
                var cut = JsonReader.MaxNameBytes;
                if (name[cut - 1] >= '\uD800' && name[cut - 1] <= '\uDBFF')
                    cut--; // never half a surrogate pair
                name = name.Substring(0, cut) + "...";
            }
            return Reject(reason, before + " '" + name + "'" + after);
        }

        public void WriteTo(JsonWriter writer)
        {
            writer.Reset().BeginObject()
                .Integer("v", 1)
                .String("id", Id)
                .String("status", Accepted ? "Accepted" : "Rejected")
                .String("reason", Reason)
                .String("text", Text);
            if (Replayed)
                writer.Name("replayed").Bool(true);
            if (Extra != null)
                Extra.WriteResult(writer);
            writer.EndObject();
        }
    }
}
