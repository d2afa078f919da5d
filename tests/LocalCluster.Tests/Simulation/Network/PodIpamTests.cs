using Kruise.Actors.LocalCluster.Simulation.Network;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Network;

public class PodIpamTests
{
    private static PodIdentity Pod(string name) => new("default", name, "uid-" + name);

    private static PodIpam TwoNodes()
    {
        var ipam = new PodIpam();
        Assert.True(ipam.SetNodeBlock("node-0", "10.244.0.0/24"));
        Assert.True(ipam.SetNodeBlock("node-1", "10.244.1.0/24"));
        return ipam;
    }

    [Fact]
    public void Pods_get_addresses_from_their_nodes_block_after_the_gateway()
    {
        var ipam = TwoNodes();

        Assert.Equal("10.244.0.2", ipam.Assign(Pod("a"), "node-0", null).Address);
        Assert.Equal("10.244.0.3", ipam.Assign(Pod("b"), "node-0", null).Address);
        Assert.Equal("10.244.1.2", ipam.Assign(Pod("c"), "node-1", null).Address);
    }

    [Fact]
    public void A_pod_asking_again_keeps_its_address()
    {
        var ipam = TwoNodes();
        var first = ipam.Assign(Pod("a"), "node-0", null).Address;

        Assert.Equal(first, ipam.Assign(Pod("a"), "node-0", null).Address);
        Assert.Equal(first, ipam.AddressOf("uid-a"));
    }

    [Fact]
    public void A_released_address_is_not_handed_out_again_at_once()
    {
        var ipam = TwoNodes();
        ipam.Assign(Pod("a"), "node-0", null);
        ipam.Assign(Pod("b"), "node-0", null);

        Assert.True(ipam.Release("uid-a"));
        Assert.False(ipam.Release("uid-a"));

        Assert.Equal("10.244.0.4", ipam.Assign(Pod("c"), "node-0", null).Address);
        Assert.Null(ipam.AddressOf("uid-a"));
    }

    [Fact]
    public void A_full_block_refuses_with_the_range_and_frees_up_on_release()
    {
        var ipam = new PodIpam();
        ipam.SetNodeBlock("tiny", "10.244.9.0/29"); // .2 to .6 for pods
        for (var i = 0; i < 5; i++)
            Assert.NotNull(ipam.Assign(Pod("p" + i), "tiny", null).Address);

        var refused = ipam.Assign(Pod("late"), "tiny", null);

        Assert.Null(refused.Address);
        Assert.Equal("no IP addresses available in range set: 10.244.9.2-10.244.9.6", refused.Refusal);
        ipam.Release("uid-p3");
        Assert.Equal("10.244.9.5", ipam.Assign(Pod("late"), "tiny", null).Address);
    }

    [Fact]
    public void Allocation_wraps_around_to_addresses_freed_earlier()
    {
        var ipam = new PodIpam();
        ipam.SetNodeBlock("tiny", "10.244.9.0/29");
        for (var i = 0; i < 5; i++)
            ipam.Assign(Pod("p" + i), "tiny", null);
        ipam.Release("uid-p0");
        ipam.Release("uid-p4");

        Assert.Equal("10.244.9.2", ipam.Assign(Pod("x"), "tiny", null).Address);
        Assert.Equal("10.244.9.6", ipam.Assign(Pod("y"), "tiny", null).Address);
    }

    [Fact]
    public void A_node_without_a_block_gets_no_address()
    {
        var ipam = TwoNodes();

        var refused = ipam.Assign(Pod("a"), "node-7", null);

        Assert.Equal("node node-7 has no pod CIDR in the cluster pod network 10.244.0.0/16", refused.Refusal);
    }

    [Theory]
    [InlineData("10.245.0.0/24")]
    [InlineData("10.244.0.0/15")]
    [InlineData("not-a-cidr")]
    [InlineData("10.244.300.0/24")]
    public void Blocks_outside_the_cluster_pool_are_refused(string cidr)
    {
        var ipam = new PodIpam();

        Assert.False(ipam.SetNodeBlock("node-0", cidr));
        Assert.NotNull(ipam.Assign(Pod("a"), "node-0", null).Refusal);
    }

    [Fact]
    public void A_requested_address_is_honoured_on_any_node_even_inside_another_nodes_block()
    {
        var ipam = TwoNodes();

        var assigned = ipam.Assign(Pod("a"), "node-0", "[\"10.244.1.7\"]");

        Assert.Equal("10.244.1.7", assigned.Address);
        Assert.Equal(Pod("a"), ipam.HolderOf("10.244.1.7"));
    }

    [Fact]
    public void A_requested_address_outside_every_node_block_but_in_the_pool_is_honoured()
    {
        var ipam = TwoNodes();

        Assert.Equal("10.244.200.9", ipam.Assign(Pod("a"), "node-0", "[\"10.244.200.9\"]").Address);
    }

    [Fact]
    public void Automatic_allocation_skips_an_address_a_pod_requested()
    {
        var ipam = TwoNodes();
        ipam.Assign(Pod("pinned"), "node-0", "[\"10.244.1.2\"]");

        Assert.Equal("10.244.1.3", ipam.Assign(Pod("a"), "node-1", null).Address);
    }

    [Fact]
    public void A_requested_address_in_use_names_the_pod_holding_it_and_is_granted_once_released()
    {
        var ipam = TwoNodes();
        ipam.Assign(Pod("holder"), "node-1", "[\"10.244.1.7\"]");

        var refused = ipam.Assign(Pod("wants"), "node-0", "[\"10.244.1.7\"]");

        Assert.Equal("requested IP 10.244.1.7 is already in use by pod default/holder", refused.Refusal);
        ipam.Release("uid-holder");
        Assert.Equal("10.244.1.7", ipam.Assign(Pod("wants"), "node-0", "[\"10.244.1.7\"]").Address);
    }

    [Theory]
    [InlineData("[\"192.168.1.5\"]", "requested IP 192.168.1.5 is not in the cluster pod network 10.244.0.0/16")]
    [InlineData("[\"10.244.1.1\"]", "requested IP 10.244.1.1 is reserved: it is the network, gateway or broadcast address of node node-1's block 10.244.1.0/24")]
    [InlineData("[\"10.244.0.0\"]", "requested IP 10.244.0.0 is the network or broadcast address of the cluster pod network 10.244.0.0/16")]
    [InlineData("[\"10.244.1.255\"]", "requested IP 10.244.1.255 is reserved: it is the network, gateway or broadcast address of node node-1's block 10.244.1.0/24")]
    [InlineData("10.244.1.7", "invalid cni.projectcalico.org/ipAddrs annotation '10.244.1.7': it is not JSON; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("{\"ip\":\"10.244.1.7\"}", "invalid cni.projectcalico.org/ipAddrs annotation '{\"ip\":\"10.244.1.7\"}': it is not a JSON list; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("[]", "invalid cni.projectcalico.org/ipAddrs annotation '[]': the list is empty; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("[\"10.244.1.7\",\"10.244.1.8\"]", "invalid cni.projectcalico.org/ipAddrs annotation '[\"10.244.1.7\",\"10.244.1.8\"]': only one IPv4 address is supported; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("[7]", "invalid cni.projectcalico.org/ipAddrs annotation '[7]': the list holds something other than a string; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("[\"fd00::7\"]", "invalid cni.projectcalico.org/ipAddrs annotation '[\"fd00::7\"]': \"fd00::7\" is not an IPv4 address; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    [InlineData("[\"10.244.01.7\"]", "invalid cni.projectcalico.org/ipAddrs annotation '[\"10.244.01.7\"]': \"10.244.01.7\" is not an IPv4 address; expected a JSON list of one IPv4 address, e.g. [\"10.244.1.7\"]")]
    public void Unusable_requests_are_refused_with_a_clear_reason(string annotation, string reason)
    {
        var ipam = TwoNodes();

        var refused = ipam.Assign(Pod("a"), "node-0", annotation);

        Assert.Null(refused.Address);
        Assert.Equal(reason, refused.Refusal);
        Assert.Null(ipam.AddressOf("uid-a"));
    }

    [Fact]
    public void Restored_addresses_are_never_assigned_twice()
    {
        var ipam = TwoNodes();

        Assert.True(ipam.Restore(Pod("old-a"), "10.244.0.2"));
        Assert.True(ipam.Restore(Pod("old-b"), "10.244.0.4"));

        Assert.Equal("10.244.0.3", ipam.Assign(Pod("new-1"), "node-0", null).Address);
        Assert.Equal("10.244.0.5", ipam.Assign(Pod("new-2"), "node-0", null).Address);
        Assert.Equal("requested IP 10.244.0.4 is already in use by pod default/old-b", ipam.Assign(Pod("new-3"), "node-1", "[\"10.244.0.4\"]").Refusal);
    }

    [Fact]
    public void Restore_keeps_the_first_holder_of_an_address()
    {
        var ipam = TwoNodes();

        Assert.True(ipam.Restore(Pod("first"), "10.244.0.2"));
        Assert.True(ipam.Restore(Pod("first"), "10.244.0.2"));
        Assert.False(ipam.Restore(Pod("second"), "10.244.0.2"));
        Assert.False(ipam.Restore(Pod("outside"), "192.168.0.1"));

        Assert.Equal(Pod("first"), ipam.HolderOf("10.244.0.2"));
        Assert.Null(ipam.AddressOf("uid-second"));
    }

    [Theory]
    [InlineData("10.244.1.0/24", "10.244.1.0/24")]
    [InlineData("10.244.1.77/24", "10.244.1.0/24")]
    [InlineData("10.244.0.0/16", "10.244.0.0/16")]
    public void Blocks_are_read_as_Go_reads_a_CIDR(string text, string block)
    {
        Assert.True(Ipv4Block.TryParse(text, out var parsed));
        Assert.Equal(block, parsed.ToString());
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("a.b.c.d")]
    [InlineData("")]
    public void Only_dotted_quads_are_addresses(string text) => Assert.False(Ipv4Block.TryParseAddress(text, out _));
}
