using System.Security.Cryptography;
using System.Text;

namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>
/// Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 with the secret's bytes over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>v1,{base64}</c> in <c>webhook-signature</c>.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
