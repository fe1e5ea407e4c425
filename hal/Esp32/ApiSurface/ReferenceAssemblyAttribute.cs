namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// nanoFramework's mscorlib lacks this attribute; declared here so the compiler marks every surface as a reference
    /// assembly (what NfCheck and the .NET loader recognise by name).
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
    internal sealed class ReferenceAssemblyAttribute : Attribute
    {
    }
}
