using System.Net;
using System.Text;

namespace Kruise.Actors.Tests.Integration;

/// <summary>Answers the first writes with the given errors (then passes everything through), counting what reached the server.</summary>
public sealed class FailFirstWrites(params HttpStatusCode[] failures) : DelegatingHandler
{
    private int _writes;
    private int _passed;

    public int PassedWrites => _passed;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            var n = Interlocked.Increment(ref _writes) - 1;
            if (n < failures.Length)
            {
                var code = failures[n];
                var response = new HttpResponseMessage(code)
                {
                    Content = new StringContent($$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"{{code}}","message":"injected {{(int)code}}","code":{{(int)code}}}""", Encoding.UTF8, "application/json"),
                    RequestMessage = request,
                };
                if (code == HttpStatusCode.TooManyRequests)
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                return Task.FromResult(response);
            }
            Interlocked.Increment(ref _passed);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
