using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChargeController.NfCheck.Tests;

/// <summary>Compiles a small C# source against nanoFramework's mscorlib, as a device project would, into a temporary dll.</summary>
public static class DeviceCompiler
{
    public static readonly string NanoMscorlib = Path.Combine(AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");

    public static string Compile(string assemblyName, string source, params string[] extraReferences) =>
        Emit(assemblyName, source, false, extraReferences);

    /// <summary>
    /// Compiles a declared device library as hal/Esp32/ApiSurface does: a reference assembly (bodies stripped, marked with
    /// ReferenceAssemblyAttribute, which nanoFramework's mscorlib lacks and the surface declares itself) at a given version.
    /// </summary>
    public static string CompileSurface(string assemblyName, string version, string source) =>
        Emit(assemblyName, $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n" + source + @"
            namespace System.Runtime.CompilerServices {
                [System.AttributeUsage(System.AttributeTargets.Assembly)] internal sealed class ReferenceAssemblyAttribute : System.Attribute { } }",
            true);

    private static string Emit(string assemblyName, string source, bool referenceOnly, params string[] extraReferences)
    {
        var references = new List<MetadataReference> { MetadataReference.CreateFromFile(NanoMscorlib) };
        references.AddRange(extraReferences.Select(r => MetadataReference.CreateFromFile(r)));
        var compilation = CSharpCompilation.Create(assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var directory = Directory.CreateTempSubdirectory("nfcheck-");
        var path = Path.Combine(directory.FullName, assemblyName + ".dll");
        Microsoft.CodeAnalysis.Emit.EmitResult result;
        using (var output = File.Create(path))
            result = compilation.Emit(output, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: referenceOnly, includePrivateMembers: !referenceOnly));
        if (!result.Success)
            throw new InvalidOperationException("fixture does not compile: " +
                string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return path;
    }

    /// <summary>Compiles the source and checks it alone, as nf.proj would.</summary>
    public static IReadOnlyList<Finding> Check(string source, params string[] extraReferences)
    {
        var path = Compile("Fixture", source, extraReferences);
        return new Checker(new[] { path }, new[] { NanoMscorlib }, Array.Empty<string>()).Run().Findings;
    }

    /// <summary>
    /// Compiles the source against the firmware (for its helpers, such as Strings.Filled) and checks it with the firmware
    /// as a device assembly beside it.
    /// </summary>
    public static IReadOnlyList<Finding> CheckWithFirmware(string source)
    {
        var firmware = typeof(ChargeController.Firmware.Text.Strings).Assembly.Location;
        var path = Compile("Fixture", source, firmware);
        return new Checker(new[] { path }, new[] { NanoMscorlib, firmware }, new[] { "ChargeController.Firmware" }).Run().Findings;
    }

    /// <summary>The compiler's own errors for a source, for what nanoFramework's mscorlib already refuses to compile.</summary>
    public static IReadOnlyList<string> Errors(string source)
    {
        var compilation = CSharpCompilation.Create("Fixture",
            new[] { CSharpSyntaxTree.ParseText(source) },
            new[] { MetadataReference.CreateFromFile(NanoMscorlib) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.GetMessage()).ToList();
    }
}
