using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SupportCopilot.Core.Triage;

/// <summary>
/// A ticket's text embedding, kept so that (re)training the triage models does not embed every labelled ticket again:
/// on two cores the in-process model needs ~14 ms a ticket, 139 s for 10,000. Written when triage or training embeds a
/// ticket; valid while the model and the text (by hash) are the same. Goes with its ticket (erasure included).
/// </summary>
public sealed class TicketEmbedding
{
    public int TicketId { get; set; }
    public required string Model { get; set; }
    /// <summary>SHA-256 of the text that was embedded: an edited or longer conversation is embedded again.</summary>
    public required string TextHash { get; set; }
    /// <summary>The vector in half precision (384 dimensions: 768 bytes); neighbour votes read it no finer.</summary>
    public required byte[] Vector { get; set; }

    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static byte[] Pack(float[] vector) => MemoryMarshal.AsBytes(vector.Select(x => (Half)x).ToArray().AsSpan()).ToArray();

    public static float[] Unpack(byte[] bytes) => MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h).ToArray();
}
