namespace ChargeController.NfCheck;

public enum Rule
{
    Generic,
    MultiDimensionalArray,
    EnumToText,
    ForeignReference,
    FormatSpecifier,
    FloatToText,
    MissingOnDotNet,
    UnassignedStrings,
    StructArray,
    StaticInitOrder,
    SleepZero,
    ByteCodeOverflow,
}

public static class RuleIds
{
    public static string Id(this Rule rule) => rule switch
    {
        Rule.Generic => "NF001",
        Rule.MultiDimensionalArray => "NF002",
        Rule.EnumToText => "NF003",
        Rule.ForeignReference => "NF004",
        Rule.FormatSpecifier => "NF005",
        Rule.FloatToText => "NF006",
        Rule.MissingOnDotNet => "NF007",
        Rule.UnassignedStrings => "NF008",
        Rule.StructArray => "NF009",
        Rule.StaticInitOrder => "NF010",
        Rule.SleepZero => "NF011",
        Rule.ByteCodeOverflow => "NF012",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
