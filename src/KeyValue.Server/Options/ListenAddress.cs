using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace KeyValue.Server.Options;

/// <summary>Turns the <c>--host</c> text into an address without a DNS look-up: an IP literal, or <c>localhost</c>.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string? host, [NotNullWhen(true)] out IPAddress? address)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(host, out address);
    }
}
