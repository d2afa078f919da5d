namespace Kruise.Actors.Tests.Integration;

/// <summary>Waits for a condition the system reaches asynchronously; the deadline only bounds a hung test.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"never happened: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task True(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"never happened: {what}");
            await Task.Delay(50);
        }
    }
}
