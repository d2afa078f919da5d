using System.Globalization;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// Lexer and recursive-descent parser for the label selector query grammar
/// (<c>[!]KEY [in|notin (v,...) | =|==|!=|&gt;|&lt; v]</c>, comma = AND), following apimachinery's
/// labels.Parse so the same strings are accepted and rejected with the same messages.
/// </summary>
internal sealed class LabelQueryParser
{
    private enum Token { End, ClosedPar, Comma, Not, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar }

    private static readonly Dictionary<string, Token> Symbols = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar, [","] = Token.Comma, ["!"] = Token.Not, ["=="] = Token.DoubleEquals,
        ["="] = Token.Equals, [">"] = Token.GreaterThan, ["<"] = Token.LessThan, ["!="] = Token.NotEquals,
        ["("] = Token.OpenPar, ["in"] = Token.In, ["notin"] = Token.NotIn,
    };

    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<(Token Token, string Text)> _items;
    private int _position;

    private LabelQueryParser(string selector) => _items = Scan(selector);

    /// <summary>The requirements, sorted by key; throws ApiException.BadRequest on bad syntax or keys/values.</summary>
    public static List<LabelRequirement> Parse(string selector)
    {
        var requirements = new LabelQueryParser(selector).ParseAll();
        return [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    private List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, text) = Peek(values: true);
            switch (token)
            {
                case Token.Identifier or Token.Not:
                    requirements.Add(ParseRequirement());
                    var (next, nextText) = Next(values: true);
                    if (next == Token.End)
                        return requirements;
                    if (next != Token.Comma)
                        throw Fail($"found '{nextText}', expected: ',' or 'end of string'");
                    var (after, afterText) = Peek(values: true);
                    if (after is not (Token.Identifier or Token.Not))
                        throw Fail($"found '{afterText}', expected: identifier after ','");
                    break;
                case Token.End:
                    return requirements;
                default:
                    throw Fail($"found '{text}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var negated = false;
        var (token, key) = Next(values: true);
        if (token == Token.Not)
        {
            negated = true;
            (token, key) = Next(values: true);
        }
        if (token != Token.Identifier)
            throw Requirement($"found '{key}', expected: identifier");
        var keyErrors = LabelSyntax.KeyErrors(key);
        if (keyErrors.Count > 0)
            throw Requirement(Invalid("<nil>", key, string.Join("; ", keyErrors)));
        // "!key" is complete as it stands; what follows must be ',' or the end (checked by the caller).
        if (negated)
            return new(key, "!", []);
        if (Peek(values: true).Token is Token.End or Token.Comma)
            return new(key, "exists", []);

        var (op, opText) = Next(values: false);
        var (name, values) = op switch
        {
            Token.In => ("in", ParseValueSet()),
            Token.NotIn => ("notin", ParseValueSet()),
            Token.Equals => ("=", ParseExactValue()),
            Token.DoubleEquals => ("==", ParseExactValue()),
            Token.NotEquals => ("!=", ParseExactValue()),
            Token.GreaterThan => ("gt", ParseExactValue()),
            Token.LessThan => ("lt", ParseExactValue()),
            _ => throw Requirement($"found '{opText}', expected: {BinaryOperators}"),
        };
        ValidateValues(key, name, values);
        return new(key, name, values);
    }

    private List<string> ParseValueSet()
    {
        var (token, text) = Next(values: true);
        if (token != Token.OpenPar)
            throw Requirement($"found '{text}' expected: '('");
        (token, text) = Peek(values: true);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var values = ParseIdentifierList();
                if (Next(values: true).Token != Token.ClosedPar)
                    throw Requirement($"found '{text}', expected: ')'");
                return values;
            case Token.ClosedPar:
                Next(values: true);
                return [""];
            default:
                throw Requirement($"found '{text}', expected: ',', ')' or identifier");
        }
    }

    // "(a,,b)" and "(,a)" carry the empty value, as in apimachinery.
    private List<string> ParseIdentifierList()
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, text) = Next(values: true);
            switch (token)
            {
                case Token.Identifier:
                    values.Add(text);
                    var (next, nextText) = Peek(values: true);
                    if (next == Token.ClosedPar)
                        return [.. values];
                    if (next != Token.Comma)
                        throw Requirement($"found '{nextText}', expected: ',' or ')'");
                    break;
                case Token.Comma:
                    if (values.Count == 0)
                        values.Add("");
                    var following = Peek(values: true).Token;
                    if (following == Token.ClosedPar)
                    {
                        values.Add("");
                        return [.. values];
                    }
                    if (following == Token.Comma)
                    {
                        Next(values: true);
                        values.Add("");
                    }
                    break;
                default:
                    throw Requirement($"found '{text}', expected: ',', or identifier");
            }
        }
    }

    private List<string> ParseExactValue()
    {
        if (Peek(values: true).Token is Token.End or Token.Comma)
            return [""];
        var (token, text) = Next(values: true);
        return token == Token.Identifier ? [text] : throw Requirement($"found '{text}', expected: identifier");
    }

    // NewRequirement's checks, in its order; several problems are reported as one "[a, b]" list.
    private static void ValidateValues(string key, string op, List<string> values)
    {
        var errors = new List<string>();
        if (op is "gt" or "lt")
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (!long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    errors.Add(Invalid($"values[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
            }
        }
        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = LabelSyntax.ValueErrors(values[i]);
            if (valueErrors.Count > 0)
                errors.Add(Invalid($"values[{i}][{key}]", values[i], string.Join("; ", valueErrors)));
        }
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
            throw Requirement(distinct[0]);
        if (distinct.Count > 1)
            throw Requirement("[" + string.Join(", ", distinct) + "]");
    }

    private static string Invalid(string field, string value, string detail) =>
        $"{field}: Invalid value: \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\": {detail}";

    private static ApiException Requirement(string message) => Fail("unable to parse requirement: " + message);

    private static ApiException Fail(string message) => ApiException.BadRequest(message);

    // Inside values "in" and "notin" are plain words: "k in (in)" selects the value "in".
    private (Token Token, string Text) Peek(bool values) => AsValue(_items[_position], values);

    private (Token Token, string Text) Next(bool values) => AsValue(_items[_position++], values);

    private static (Token, string) AsValue((Token Token, string Text) item, bool values) =>
        values && item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Text) : item;

    private static List<(Token, string)> Scan(string s)
    {
        var items = new List<(Token, string)>();
        var i = 0;
        while (true)
        {
            while (i < s.Length && IsWhitespace(s[i]))
                i++;
            if (i >= s.Length)
            {
                items.Add((Token.End, ""));
                return items;
            }
            var start = i;
            if (IsSymbol(s[i]))
            {
                // Longest operator made of symbol characters: "!=" and "==" win over "!" and "=".
                var length = i + 1 < s.Length && Symbols.ContainsKey(s.Substring(i, 2)) ? 2 : 1;
                i += length;
                items.Add((Symbols[s.Substring(start, length)], s.Substring(start, length)));
                continue;
            }
            while (i < s.Length && !IsSymbol(s[i]) && !IsWhitespace(s[i]))
                i++;
            var word = s[start..i];
            items.Add((word is "in" or "notin" ? Symbols[word] : Token.Identifier, word));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
