using System.Runtime.InteropServices;

namespace KeyValue.Demo.Processes;

/// <summary>
/// POSIX signals to a child process: .NET can only kill one (SIGKILL), but the server stops cleanly — and writes the
/// end of its trace — on SIGTERM, and the client writes its summary on SIGINT (Ctrl+C).
/// </summary>
internal static class Signals
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/>; false on Windows (no signals) or when the process is gone.</summary>
    public static bool TrySend(int processId, int signal) => !OperatingSystem.IsWindows() && Kill(processId, signal) == 0;

    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
