using ChargeController.Loader;

namespace ChargeController.Firmware.Console
{
    /// <summary>
    /// One finished line, handed from the console thread to the control thread through <see cref="ConsoleLineRing"/>:
    /// printable ASCII only, or one of the outcomes that carry no text. A secret line (a PIN typed at a PIN prompt)
    /// arrives as its digest and shape: the PIN itself never leaves the console thread.
    /// </summary>
    public sealed class ConsoleLine
    {
        public const int MaxChars = 80;

        public const int KindText = 0;
        /// <summary>Typed at a PIN prompt: <see cref="Digest"/> and <see cref="Shape"/> are set, the text is not.</summary>
        public const int KindSecret = 1;
        /// <summary>Longer than <see cref="MaxChars"/>: thrown away whole.</summary>
        public const int KindTooLong = 2;
        /// <summary>Ctrl-C: the line (and any question being answered) is cancelled.</summary>
        public const int KindCancelled = 3;

        public const int ShapeWellFormed = 0;
        /// <summary>Not 6 to 12 digits.</summary>
        public const int ShapeMalformed = 1;
        /// <summary>The factory PIN.</summary>
        public const int ShapeFactory = 2;

        public readonly byte[] Text = new byte[MaxChars];
        public readonly byte[] Digest = new byte[Sha256.DigestBytes];
        public int Kind;
        public int Length;
        public int Shape;

        public void CopyFrom(ConsoleLine other)
        {
            Kind = other.Kind;
            Length = other.Length;
            Shape = other.Shape;
            System.Array.Copy(other.Text, Text, other.Length);
            System.Array.Copy(other.Digest, Digest, Sha256.DigestBytes);
        }

        /// <summary>The text as a string (control thread, once per command).</summary>
        public string TextString()
        {
            var chars = new char[Length];
            for (var i = 0; i < Length; i++)
                chars[i] = (char)Text[i];
            return new string(chars);
        }
    }
}
