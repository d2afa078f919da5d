using System.Text;

namespace Kruise.Actors.LocalCluster.Security;

/// <summary>The kubeconfig the embedded cluster writes: its HTTPS address, its CA and the admin token.</summary>
public static class Kubeconfig
{
    public const string ContextName = "kruise-local";

    public static string Render(string serverUrl, string caPem, string token, string defaultNamespace = "default")
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {serverUrl}
                certificate-authority-data: {ca}
            users:
            - name: {ContextName}-admin
              user:
                token: {token}
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}-admin
                namespace: {defaultNamespace}
            current-context: {ContextName}

            """;
    }

    /// <summary>Loads the admin token from the data folder, creating a random one on first start.</summary>
    public static string LoadOrCreateToken(string folder)
    {
        var path = Path.Combine(folder, "token");
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(folder);
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
