using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KeyValue.Server.Trace;

/// <summary>
/// Keeps what the trace holds in the page cache small, on Linux: every 8 MiB written are handed to the disk at once
/// (<c>sync_file_range</c>), and those handed over a window earlier are then dropped from the cache
/// (<c>posix_fadvise(DONTNEED)</c>). The same few pages are then reused for the next lines, rather than a fresh page for
/// every 4 KiB: writing a trace of 100 MB/s no longer fills memory with it, and on a virtual machine the first touch of
/// fresh guest memory was the largest single cost of tracing (tests/KeyValue.Benchmarks/README.md). Elsewhere, and for
/// anything but a regular file, it does nothing.
/// </summary>
internal sealed partial class TracePageCache
{
    private const long Window = 8L << 20;
    private const uint SyncFileRangeWaitBefore = 1;
    private const uint SyncFileRangeWrite = 2;
    private const uint SyncFileRangeWaitAfter = 4;
    private const int PosixFadviseDontNeed = 4;

    private SafeFileHandle? _handle;
    private long _written;
    private long _handedOver;
    private long _dropped;

    private TracePageCache(SafeFileHandle? handle)
    {
        _handle = handle;
    }

    /// <summary>For the file behind <paramref name="stream"/>; one that does nothing when it is not a regular file on Linux.</summary>
    public static TracePageCache For(Stream stream) =>
        new(OperatingSystem.IsLinux() && stream is FileStream file && File.Exists(file.Name) ? file.SafeFileHandle : null);

    /// <summary>Counts <paramref name="bytes"/> just written at the end of the file.</summary>
    public void Wrote(int bytes)
    {
        if (_handle is null)
        {
            return;
        }

        _written += bytes;
        if (_written - _handedOver >= Window)
        {
            // Start writing these out now, without waiting for them.
            if (SyncFileRange(_handle, _handedOver, _written - _handedOver, SyncFileRangeWrite) != 0)
            {
                _handle = null;
                return;
            }

            _handedOver = _written;
        }

        while (_handedOver - _dropped >= 2 * Window)
        {
            // Handed over a window ago, so (almost always) on disk already: wait for the rest, then let the pages go.
            if (SyncFileRange(_handle, _dropped, Window, SyncFileRangeWaitBefore | SyncFileRangeWrite | SyncFileRangeWaitAfter) != 0
                || PosixFadvise(_handle, _dropped, Window, PosixFadviseDontNeed) != 0)
            {
                _handle = null;
                return;
            }

            _dropped += Window;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long count, uint flags);

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}
