namespace ChargeController.Firmware.Metering
{
    /// <summary>A run of adjacent registers read in one transaction, and the fields it holds.</summary>
    public sealed class MeterBlock
    {
        public MeterBlock(ushort start, ushort count, MeterField[] fields)
        {
            Start = start;
            Count = count;
            Fields = fields;
        }

        public ushort Start { get; }
        public ushort Count { get; }
        public MeterField[] Fields { get; }

        /// <summary>Groups a profile's fields into runs of adjacent registers, so a poll needs few transactions.</summary>
        public static MeterBlock[] Plan(MeterField[] fields)
        {
            var sorted = new MeterField[fields.Length];
            System.Array.Copy(fields, sorted, fields.Length);
            for (var i = 1; i < sorted.Length; i++) // insertion sort by address: a handful of fields, no generics
            {
                var field = sorted[i];
                var j = i - 1;
                while (j >= 0 && sorted[j].Address > field.Address)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }
                sorted[j + 1] = field;
            }
            var blocks = new System.Collections.ArrayList();
            var first = 0;
            for (var i = 1; i <= sorted.Length; i++)
            {
                var adjacent = i < sorted.Length &&
                    sorted[i].Address == sorted[i - 1].Address + sorted[i - 1].RegisterCount &&
                    sorted[i].Address + sorted[i].RegisterCount - sorted[first].Address <= MaxRegisters;
                if (adjacent)
                    continue;
                var run = new MeterField[i - first];
                System.Array.Copy(sorted, first, run, 0, run.Length);
                var last = sorted[i - 1];
                blocks.Add(new MeterBlock(sorted[first].Address, (ushort)(last.Address + last.RegisterCount - sorted[first].Address), run));
                first = i;
            }
            var result = new MeterBlock[blocks.Count];
            blocks.CopyTo(result);
            return result;
        }

        /// <summary>Well below Modbus's 125-register limit and small enough for one short RS485 frame.</summary>
        public const int MaxRegisters = 32;
    }
}
