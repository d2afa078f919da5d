using System.Globalization;
using System.Text;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>RFC 6901 JSON pointers: "" is the whole document, "/a/0/b~1c" names a.0."b/c".</summary>
internal static class JsonPointer
{
    public static string[] Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }
        if (pointer[0] != '/')
        {
            throw PatchErrors.Invalid($"invalid JSON pointer \"{pointer}\": it must be empty or start with '/'");
        }
        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], pointer);
        }
        return tokens;
    }

    /// <summary>An array index is "0" or digits without a leading zero (RFC 6901 section 4); "-" is not one.</summary>
    public static bool TryIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }
        var text = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                text.Append(token[i]);
                continue;
            }
            // ~0 is '~' and ~1 is '/'; any other '~' makes the pointer malformed.
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            text.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw PatchErrors.Invalid($"invalid JSON pointer \"{pointer}\": '~' must be followed by 0 or 1"),
            });
            i++;
        }
        return text.ToString();
    }
}
