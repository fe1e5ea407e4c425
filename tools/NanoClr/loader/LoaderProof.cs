using System;
using System.Collections;
using ChargeController.Loader;

namespace ChargeController.NanoClr
{
    /// <summary>
    /// The loader on nanoCLR (tools/NanoClr/loader.sh): only mscorlib and ChargeController.Loader are loaded, as in the
    /// deployment image; the pile's assemblies are bytes in a slot of memory files (the interpreter on Linux has no file
    /// system), with the manifest, signature and key PileUpdate made. SlotBoot checks the slot, Assembly.Load's its
    /// files and runs a scenario through the kit's harness in them. Prints what each step cost.
    /// </summary>
    public static class LoaderProof
    {
        private static readonly ProofFiles Files = new ProofFiles();

        /// <summary>Appends <paramref name="part"/> to file <paramref name="name"/> (a file comes in pieces: one per blob assembly).</summary>
        public static void Add(string name, byte[] part) => Files.Append(name, part);

        public static void Run(string scenarioName, string scenario)
        {
            Console.WriteLine("=== loader proof");
            new SlotStateStore(Files).Save(new SlotState { ActiveSlot = 0, RunningVersion = 1004000, HighestVersion = 1004000 });
            var boot = new SlotBoot(Files, 3);
            var start = DateTime.UtcNow.Ticks;
            var slot = boot.Choose();
            Console.WriteLine("choose: " + SlotLayout.Name(slot) + (boot.Reason == null ? "" : " " + boot.Reason + ": " + boot.Detail) +
                ", checked in " + Ms(start) + " ms");
            MeasureParts();
            start = DateTime.UtcNow.Ticks;
            var entry = boot.Load(slot, "NanoClrKit.Scenario", "Run");
            Console.WriteLine("load: " + (entry == null ? "failed: " + boot.Detail : "entry found") + " in " + Ms(start) + " ms");
            if (entry != null)
                entry.Invoke(null, new object[] { scenarioName, scenario });
            Console.WriteLine("=== done");
        }

        /// <summary>The verification's two parts apart: SHA-256 of the largest file, and one RSA-2048 verification (best of 3).</summary>
        private static void MeasureParts()
        {
            var firmware = Files.Content(SlotLayout.FileName(0, "ChargeController.Firmware.pe"));
            var sha = new Sha256();
            var digest = new byte[32];
            var start = DateTime.UtcNow.Ticks;
            sha.Update(firmware, 0, firmware.Length);
            sha.Final(digest);
            Console.WriteLine("sha256: " + firmware.Length.ToString() + " bytes in " + Ms(start) + " ms");
            var keyFile = Files.Content(UpdateKey.FileName);
            var key = new UpdateKey();
            key.Read(keyFile, 0, keyFile.Length);
            var manifest = Files.Content(SlotLayout.FileName(0, UpdateManifest.ManifestName));
            sha.Update(manifest, 0, manifest.Length);
            sha.Final(digest);
            var signature = Files.Content(SlotLayout.FileName(0, UpdateManifest.SignatureName));
            var rsa = new RsaSignature();
            long best = long.MaxValue;
            var ok = true;
            for (var i = 0; i < 3; i++)
            {
                start = DateTime.UtcNow.Ticks;
                ok &= rsa.VerifyPkcs1Sha256(key.Modulus, signature, digest);
                var took = DateTime.UtcNow.Ticks - start;
                if (took < best)
                    best = took;
            }
            Console.WriteLine("rsa2048: " + (ok ? "verified" : "REFUSED") + " in " + (best / 10000).ToString() + " ms");
        }

        private static string Ms(long startTicks) => ((DateTime.UtcNow.Ticks - startTicks) / 10000).ToString();

        /// <summary>Files in memory behind the loader's interface; a write replaces the whole file.</summary>
        private sealed class ProofFiles : ILoaderFiles
        {
            private readonly ArrayList _names = new ArrayList();
            private readonly ArrayList _contents = new ArrayList();

            public byte[] Content(string name)
            {
                var i = _names.IndexOf(name);
                return i < 0 ? null : (byte[])_contents[i];
            }

            public void Append(string name, byte[] part)
            {
                var old = Content(name);
                if (old == null)
                {
                    Write(name, part, 0, part.Length);
                    return;
                }
                var joined = new byte[old.Length + part.Length];
                Array.Copy(old, joined, old.Length);
                Array.Copy(part, 0, joined, old.Length, part.Length);
                _contents[_names.IndexOf(name)] = joined;
            }

            public int Length(string name)
            {
                var content = Content(name);
                return content == null ? -1 : content.Length;
            }

            public int Read(string name, int position, byte[] into, int offset, int count)
            {
                var content = Content(name);
                if (content == null || position >= content.Length)
                    return 0;
                var n = content.Length - position < count ? content.Length - position : count;
                Array.Copy(content, position, into, offset, n);
                return n;
            }

            public bool Write(string name, byte[] data, int offset, int count)
            {
                var copy = new byte[count];
                Array.Copy(data, offset, copy, 0, count);
                var i = _names.IndexOf(name);
                if (i < 0)
                {
                    _names.Add(name);
                    _contents.Add(copy);
                }
                else
                {
                    _contents[i] = copy;
                }
                return true;
            }
        }
    }
}
