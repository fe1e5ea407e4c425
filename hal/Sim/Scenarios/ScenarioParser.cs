using System.Collections;
using ChargeController.Firmware.Config;
using ChargeController.Firmware.Text;
using ChargeController.Loader;

namespace ChargeController.Sim.Scenarios
{
    /// <summary>
    /// Reads scenario text: one event per line, "&lt;time&gt; &lt;verb&gt; [argument]", '#' starts a comment, times absolute
    /// from the start with a unit (ms, s, min, h) and never decreasing. A line that breaks a rule is an error naming its
    /// line number, and then no step is returned at all: a scenario runs whole or not at all. What a line echoes back is
    /// cut short and shows control characters as '?'.
    /// </summary>
    public static class ScenarioParser
    {
        /// <summary>The most of a line's input an error message repeats.</summary>
        public const int EchoLength = 40;
        private const int MaxFractionDigits = 7;

        public static ScenarioParse Parse(string text)
        {
            var steps = new ArrayList();
            var lines = text.Split('\n');
            long previousMs = 0;
            var plugged = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var lineNumber = i + 1;
                var tokens = Tokens(lines[i]);
                if (tokens.Length == 0)
                    continue;
                long timeMs;
                if (!TryParseTime(tokens[0], out timeMs))
                    return ScenarioParse.Failed(lineNumber, Quote(tokens[0]) + " is not a time (like 0s, 0.5s, 1500ms, 2min, 1h)");
                if (timeMs < previousMs)
                    return ScenarioParse.Failed(lineNumber, "time " + tokens[0] + " goes back before the previous line");
                previousMs = timeMs;
                string error;
                var step = ParseVerb(tokens, 1, lineNumber, timeMs, out error);
                if (step == null)
                    return ScenarioParse.Failed(lineNumber, error);
                error = PlugRule.Refusal(step.Verb, plugged);
                if (error != null)
                    return ScenarioParse.Failed(lineNumber, "'" + Rest(tokens, 1) + "': " + error);
                plugged = PlugRule.PluggedAfter(step.Verb, plugged);
                steps.Add(step);
            }
            var result = new ScenarioStep[steps.Count];
            steps.CopyTo(result);
            return ScenarioParse.Ok(result);
        }

        /// <summary>One interactive command: a verb and its argument, no time; it happens at <paramref name="nowMs"/>.</summary>
        public static ScenarioStep ParseCommand(string line, long nowMs, out string error)
        {
            var tokens = Tokens(line);
            if (tokens.Length == 0)
            {
                error = "empty command";
                return null;
            }
            return ParseVerb(tokens, 0, 0, nowMs, out error);
        }

        private static ScenarioStep ParseVerb(string[] tokens, int from, int line, long timeMs, out string error)
        {
            VerbSyntax syntax = null;
            var wordCount = 0;
            foreach (VerbSyntax candidate in VerbSyntax.All)
            {
                var words = candidate.Words.Split(' ');
                if (words.Length > wordCount && StartsWith(tokens, from, words))
                {
                    syntax = candidate;
                    wordCount = words.Length;
                }
            }
            if (syntax == null)
            {
                error = "unknown verb " + Quote(Rest(tokens, from));
                return null;
            }
            var argumentAt = from + wordCount;
            var arguments = tokens.Length - argumentAt;
            if (syntax.Argument == VerbSyntax.JsonArgument)
            {
                error = arguments == 0 ? "'" + syntax.Words + "' takes a command's JSON" : null;
                return error == null ? new ScenarioStep(line, timeMs, syntax.Verb, 0, Rest(tokens, argumentAt)) : null;
            }
            if (syntax.Verb == ScenarioVerb.Console)
            {
                error = arguments == 0 ? "'console' takes the line to type" : null;
                return arguments == 0 ? null : new ScenarioStep(line, timeMs, syntax.Verb, 0, Rest(tokens, argumentAt));
            }
            string suffix = null;
            if (syntax.Suffix != null && arguments == 2 && tokens[tokens.Length - 1] == syntax.Suffix)
            {
                suffix = syntax.Suffix;
                arguments = 1;
            }
            if (arguments > 1 || (arguments == 0 && syntax.Argument.Length > 0 && !syntax.ArgumentOptional))
            {
                error = "'" + syntax.Words + "' takes " + Expected(syntax);
                return null;
            }
            if (arguments == 0)
            {
                error = null;
                return new ScenarioStep(line, timeMs, syntax.Verb, syntax.DefaultNumber, null);
            }
            if (syntax.Argument == VerbSyntax.TextArgument)
            {
                error = syntax.Verb == ScenarioVerb.Set ? CheckSetting(tokens[argumentAt], timeMs) :
                    syntax.Verb == ScenarioVerb.Clock && UnixSeconds(tokens[argumentAt]) < 0 ?
                    "'clock' takes a UTC time like 2025-11-24T02:00:00Z, not " + Quote(tokens[argumentAt]) : null;
                return error == null ? new ScenarioStep(line, timeMs, syntax.Verb, 0, tokens[argumentAt]) : null;
            }
            int number;
            if (syntax.Argument.Length == 0 || !TryParseQuantity(tokens[argumentAt], syntax.Unit, out number) ||
                !IsAllowed(syntax, number))
            {
                error = "'" + syntax.Words + "' takes " + Expected(syntax) + ", not " + Quote(tokens[argumentAt]);
                return null;
            }
            error = null;
            return new ScenarioStep(line, timeMs, syntax.Verb, number, suffix);
        }

        /// <summary>"2025-11-24T02:00:00Z" as Unix seconds, or -1.</summary>
        public static long UnixSeconds(string utc)
        {
            var bytes = new byte[utc.Length];
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = utc[i] < 128 ? (byte)utc[i] : (byte)'?';
            return IsoTime.Parse(bytes, 0, bytes.Length);
        }

        /// <summary>A setting is part of the pile's start-up: only at 0s, and only a valid key and value.</summary>
        private static string CheckSetting(string assignment, long timeMs)
        {
            if (timeMs != 0)
                return "'set' only at 0s: configuration is read when the pile starts";
            return new PileConfig().SetAssignment(assignment);
        }

        private static string Expected(VerbSyntax syntax)
        {
            if (syntax.Argument.Length == 0)
                return "no argument";
            if (syntax.Argument == VerbSyntax.TextArgument)
                return syntax.Verb == ScenarioVerb.Set || syntax.Verb == ScenarioVerb.ConfigChange ? "one key=value" :
                    syntax.Verb == ScenarioVerb.Clock ? "one UTC time like 2025-11-24T02:00:00Z" :
                    syntax.Verb == ScenarioVerb.UpdateKey || syntax.Verb == ScenarioVerb.UpdateOffer ? "one path without spaces" : "one word (an id tag)";
            if (syntax.Allowed != null)
                return (syntax.ArgumentOptional ? "an optional " : "") + AllowedText(syntax);
            var range = syntax.Minimum == int.MinValue ? "" : " from " + syntax.Minimum.ToString() + syntax.Unit + " to " + syntax.Maximum.ToString() + syntax.Unit;
            return (syntax.ArgumentOptional ? "an optional" : "a") + " whole number in " + syntax.Unit + range + " (like 16" + syntax.Unit + ")";
        }

        private static bool IsAllowed(VerbSyntax syntax, int number)
        {
            if (number < syntax.Minimum || number > syntax.Maximum)
                return false;
            if (syntax.Allowed == null)
                return true;
            foreach (var allowed in syntax.Allowed)
                if (allowed == number)
                    return true;
            return false;
        }

        /// <summary>"10A, 16A, 32A or 63A".</summary>
        private static string AllowedText(VerbSyntax syntax)
        {
            var text = "";
            for (var i = 0; i < syntax.Allowed.Length; i++)
            {
                if (i > 0)
                    text += i == syntax.Allowed.Length - 1 ? " or " : ", ";
                text += syntax.Allowed[i].ToString() + syntax.Unit;
            }
            return text;
        }

        /// <summary>Echoed input in quotes, cut at <see cref="EchoLength"/> characters, control characters shown as '?'.</summary>
        private static string Quote(string text)
        {
            var cut = text.Length > EchoLength;
            var chars = new char[cut ? EchoLength : text.Length];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = text[i] < ' ' || text[i] == (char)127 ? '?' : text[i];
            return "'" + new string(chars) + (cut ? "...'" : "'");
        }

        /// <summary>"1500ms", "2s", "0.5s", "1.25min", "1h" in milliseconds; a fraction must come to whole milliseconds.</summary>
        public static bool TryParseTime(string token, out long timeMs)
        {
            timeMs = 0;
            var digits = LeadingNumberLength(token, false);
            if (digits == 0)
                return false;
            int whole;
            if (!int.TryParse(token.Substring(0, digits), out whole))
                return false;
            var fractionDigits = 0;
            if (digits < token.Length && token[digits] == '.')
                fractionDigits = LeadingNumberLength(token.Substring(digits + 1), false);
            if (fractionDigits > MaxFractionDigits)
                return false;
            long unitMs;
            switch (token.Substring(fractionDigits == 0 ? digits : digits + 1 + fractionDigits))
            {
                case "ms": unitMs = 1; break;
                case "s": unitMs = 1000; break;
                case "min": unitMs = 60000; break;
                case "h": unitMs = 3600000; break;
                default: return false;
            }
            long scale = 1;
            long fraction = 0;
            for (var i = 0; i < fractionDigits; i++)
            {
                scale *= 10;
                fraction = fraction * 10 + (token[digits + 1 + i] - '0');
            }
            if (fraction * unitMs % scale != 0)
                return false;
            timeMs = whole * unitMs + fraction * unitMs / scale;
            return true;
        }

        /// <summary>"16A" with unit "A" is 16; "-20C" with unit "C" is -20.</summary>
        public static bool TryParseQuantity(string token, string unit, out int value)
        {
            value = 0;
            var length = LeadingNumberLength(token, true);
            if (length == 0 || token.Substring(length) != unit)
                return false;
            int parsed;
            if (!int.TryParse(token.Substring(0, length), out parsed))
                return false;
            value = parsed;
            return true;
        }

        private static int LeadingNumberLength(string token, bool signed)
        {
            var i = signed && token.Length > 0 && token[0] == '-' ? 1 : 0;
            var start = i;
            while (i < token.Length && token[i] >= '0' && token[i] <= '9')
                i++;
            return i == start ? 0 : i;
        }

        private static string[] Tokens(string line)
        {
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line.Substring(0, hash);
            var parts = line.Split(' ', '\t', '\r');
            var count = 0;
            foreach (var part in parts)
                if (part.Length > 0)
                    count++;
            var tokens = Strings.Filled(new string[count]);
            count = 0;
            foreach (var part in parts)
                if (part.Length > 0)
                    tokens[count++] = part;
            return tokens;
        }

        private static bool StartsWith(string[] tokens, int from, string[] words)
        {
            if (tokens.Length - from < words.Length)
                return false;
            for (var i = 0; i < words.Length; i++)
                if (tokens[from + i] != words[i])
                    return false;
            return true;
        }

        private static string Rest(string[] tokens, int from)
        {
            var text = from < tokens.Length ? tokens[from] : "";
            for (var i = from + 1; i < tokens.Length; i++)
                text += " " + tokens[i];
            return text;
        }
    }
}
