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
    public void Two_strings_that_share_a_bucket_both_stay_pooled()
    {
        var pool = new StringPool(2);
        var a = Fresh("Ready");
        var b = Fresh("Running");
        pool.Get(a);
        pool.Get(b);

        for (var i = 0; i < 3; i++)
        {
            Assert.Same(a, pool.Get(Fresh("Ready")));
            Assert.Same(b, pool.Get(Fresh("Running")));
        }
    }

    [Fact]
    public void A_third_string_in_a_bucket_drops_the_least_recently_used_and_values_never_mix()
    {
        var pool = new StringPool(2);
        var a = Fresh("Ready");
        var b = Fresh("Running");
        var c = Fresh("Pending");
        pool.Get(a);
        pool.Get(b);
        pool.Get(a);

        Assert.Same(c, pool.Get(c));
        Assert.Same(a, pool.Get(Fresh("Ready")));
        var b2 = Fresh("Running");
        Assert.Same(b2, pool.Get(b2));
        Assert.Equal("Running", pool.Get(Fresh("Running")));
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
