namespace ChargeController.Firmware.Updates
{
    /// <summary>
    /// Judges a staged manifest before any other file is fetched (on the storage thread: it reads flash and verifies a
    /// signature, which takes long): the signature with the pile's update key, then the manifest's rules (board, version
    /// against the running and the highest confirmed one, expiry, loader version, file limits). The implementation uses
    /// the loader's own classes, so the pile trusts a download by the same code the loader trusts a slot by.
    /// </summary>
    public interface IManifestCheck
    {
        /// <param name="manifestFile">the staged manifest.json</param>
        /// <param name="signatureFile">the staged manifest.sig</param>
        /// <param name="unixS">the pile's UTC clock, or 0 when it is not set (an expired manifest cannot be told then)</param>
        /// <param name="files">takes the manifest's files, after manifest.json and manifest.sig</param>
        /// <param name="version">the manifest's version (<see cref="UpdateVersion"/>)</param>
        /// <returns>null when the manifest may be installed, else the reason (<see cref="UpdateReasons"/>)</returns>
        string Check(string manifestFile, string signatureFile, long unixS, UpdateFiles files, out int version);
    }
}
