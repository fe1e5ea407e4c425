using System.Collections;

namespace ChargeController.Firmware.Text
{
    /// <summary>
    /// String arrays as nanoCLR needs them. The interpreter zero-fills a new string array into elements that are typed
    /// string but hold no string, not proper nulls: comparing one (or a copy of it) with ==, string.Equals or
    /// string.Compare crashes it, and <c>x == null</c> as a value is false there. A null stored explicitly is a real null.
    /// NfCheck (NF008) rejects any other way of making a string array than these, a constant length 0, or an initializer
    /// that names every element.
    /// </summary>
    public static class Strings
    {
        /// <summary>Stores null into every element: <c>Strings.Filled(new string[n])</c>; also clears an array in use.</summary>
        /// <returns><paramref name="array"/></returns>
        public static string[] Filled(string[] array)
        {
            for (var i = 0; i < array.Length; i++)
                array[i] = null;
            return array;
        }

        /// <summary>The strings a list holds, as an array (messages gathered in an ArrayList).</summary>
        public static string[] Of(ArrayList texts)
        {
            var array = Filled(new string[texts.Count]);
            texts.CopyTo(array);
            return array;
        }
    }
}
