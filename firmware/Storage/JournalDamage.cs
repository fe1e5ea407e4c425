namespace ChargeController.Firmware.Storage
{
    /// <summary>
    /// Damage in the middle of the journal (flash that changed under a record): the reader goes on at the next record that
    /// checks out, so only the records the damage falls in are lost, never those after it. The damaged bytes stay where
    /// they are, skipped by every pass, until the journal is next rewritten (a compaction, or the repair of a torn tail);
    /// that rewrite first appends them to a side file, so nothing is dropped unseen. The side file holds one flash block:
    /// what does not fit is not kept (the fault has said the journal is damaged; docs/storage.md).
    /// </summary>
    public sealed partial class Journal
    {
        /// <summary>Where a rewrite puts the damaged bytes it drops from the journal, one span after another as found.</summary>
        public const string DamageFileName = "journal.bad";
        /// <summary>The most the side file keeps: one LittleFS block (docs/storage.md, The partition's budget).</summary>
        public const int DamageKeepBytes = 4096;

        /// <summary>The journal's damaged bytes, as the last pass over it found them (0 once a rewrite has moved them out).</summary>
        public int DamagedBytes { get; private set; }

        /// <summary>How often a pass found damage the journal was not known to hold: each time is a journal-damaged fault.</summary>
        public int DamageFound { get; private set; }

        /// <summary>Rewrites that replaced the file (compactions, repairs): records after one may have moved.</summary>
        public int Rewrites { get; private set; }

        /// <summary>Damage below this offset is in the side file already: a rewrite that failed after keeping it (the file is unchanged).</summary>
        private int _damageKeptBelow;

        /// <summary>A whole pass over the file found <paramref name="damagedBytes"/>.</summary>
        private void PassFound(int damagedBytes)
        {
            if (damagedBytes > DamagedBytes)
                DamageFound++;
            DamagedBytes = damagedBytes;
        }

        /// <summary>A rewrite replaced the file with the records alone: no damage in it any more, offsets moved.</summary>
        private void Rewritten()
        {
            DamagedBytes = 0;
            _damageKeptBelow = 0;
            Rewrites++;
        }

        /// <summary>
        /// Before a rewrite drops the damage in front of the reader's record: appends it to the side file and flushes, as
        /// far as the side file has room.
        /// </summary>
        /// <returns>false when the flash refused: the rewrite must not drop the damage</returns>
        private bool KeepDamage()
        {
            if (_reader.SkippedAt < _damageKeptBelow)
                return true;
            var room = DamageKeepBytes - _store.Length(DamageFileName);
            if (room > 0 && !(_reader.CopySkippedTo(DamageFileName, room) && _store.Flush(DamageFileName)))
                return false;
            _damageKeptBelow = _reader.Offset;
            return true;
        }
    }
}
