// Surface of nanoframework/nanoFramework.TestFramework v3.0.77: only the members tests/Device uses, signatures as published
// (the message parameters carry [CallerArgumentExpression] in the library; the attribute changes no signature).
using System;

namespace nanoFramework.TestFramework
{
    /// <summary>source/TestFrameworkShared/TestClassAttribute.cs</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>source/TestFrameworkShared/TestMethodAttribute.cs</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>source/TestFramework/Assert.cs and Assert.AreEqual.cs</summary>
    public sealed partial class Assert
    {
        public static void AreEqual(int expected, int actual, string message = "") => throw null;
        public static void AreEqual(long expected, long actual, string message = "") => throw null;
        public static void AreEqual(string expected, string actual, string message = "") => throw null;
        public static void IsTrue(bool condition, string message = "") => throw null;
        public static void IsFalse(bool condition, string message = "") => throw null;
    }

    /// <summary>source/TestFramework/OutputHelper.cs</summary>
    public static class OutputHelper
    {
        public static void WriteLine(string message) => throw null;
    }
}
