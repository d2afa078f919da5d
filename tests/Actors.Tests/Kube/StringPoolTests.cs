using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class StringPoolTests
{
    // A fresh instance each call: what a decoder hands over for every object it reads.
    private static string Fresh(string text) => new([.. text]);

    [Fact]
    public void Equal_strings_come_back_as_the_first_instance()
    {
        var pool = new StringPool(16);
        var first = Fresh("apps.kruise.io/v1alpha1");

        Assert.Same(first, pool.Get(first));
        Assert.Same(first, pool.Get(Fresh("apps.kruise.io/v1alpha1")));
        Assert.Same(first, pool.Get(Fresh("apps.kruise.io/v1alpha1")));
    }

    [Fact]
    public void A_string_that_takes_another_ones_slot_replaces_it_and_values_never_mix()
    {
        var pool = new StringPool(1);
        var a = Fresh("Ready");
        var b = Fresh("Running");

        Assert.Same(a, pool.Get(a));
        Assert.Same(b, pool.Get(b));
        var a2 = Fresh("Ready");
        Assert.Same(a2, pool.Get(a2));
        Assert.Same(a2, pool.Get(Fresh("Ready")));
    }

    [Fact]
    public void Null_empty_and_long_strings_pass_as_they_are()
    {
        var pool = new StringPool(16);
        var longText = new string('x', 300);

        Assert.Null(pool.Get(null));
        Assert.Equal("", pool.Get(Fresh("")));
        Assert.Same(longText, pool.Get(longText));
        Assert.NotSame(longText, pool.Get(new string('x', 300)));
    }

    [Fact]
    public void A_pool_needs_a_slot()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StringPool(0));
    }
}
