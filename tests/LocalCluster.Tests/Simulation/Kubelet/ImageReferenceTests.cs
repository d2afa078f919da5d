using Kruise.Actors.LocalCluster.Simulation.Kubelet;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

public class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx")]
    [InlineData("nginx:1.25", "docker.io/library/nginx:1.25", "docker.io/library/nginx")]
    [InlineData("library/nginx:1.25", "docker.io/library/nginx:1.25", "docker.io/library/nginx")]
    [InlineData("docker.io/nginx:1.25", "docker.io/library/nginx:1.25", "docker.io/library/nginx")]
    [InlineData("index.docker.io/library/nginx", "docker.io/library/nginx:latest", "docker.io/library/nginx")]
    [InlineData("openkruise/guestbook:v1", "docker.io/openkruise/guestbook:v1", "docker.io/openkruise/guestbook")]
    [InlineData("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9", "registry.k8s.io/pause")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app")]
    [InlineData("registry.local:5000/team/app:2.0", "registry.local:5000/team/app:2.0", "registry.local:5000/team/app")]
    [InlineData("ghcr.io/org/sub/app_name-x.y:v1.2.3-rc.1", "ghcr.io/org/sub/app_name-x.y:v1.2.3-rc.1", "ghcr.io/org/sub/app_name-x.y")]
    public void Short_names_are_normalised_as_the_runtime_does(string image, string normalized, string repository)
    {
        var (reference, error) = ImageReference.Parse(image);

        Assert.Null(error);
        Assert.Equal(normalized, reference!.Normalized);
        Assert.Equal(repository, reference.Repository);
        Assert.StartsWith(repository + "@sha256:", reference.ImageId, StringComparison.Ordinal);
        Assert.Equal(64, reference.ImageId.Length - (repository.Length + "@sha256:".Length));
    }

    [Fact]
    public void A_digest_reference_is_its_own_image_id()
    {
        var reference = ImageReference.Parse("nginx@" + Digest).Reference!;

        Assert.Equal("docker.io/library/nginx@" + Digest, reference.Normalized);
        Assert.Equal("docker.io/library/nginx@" + Digest, reference.ImageId);
    }

    [Fact]
    public void The_image_id_is_the_same_for_every_spelling_of_one_image_and_differs_between_images()
    {
        var id = ImageReference.Parse("nginx:1.25").Reference!.ImageId;

        Assert.Equal(id, ImageReference.Parse("docker.io/library/nginx:1.25").Reference!.ImageId);
        Assert.NotEqual(id, ImageReference.Parse("nginx:1.26").Reference!.ImageId);
        Assert.NotEqual(id, ImageReference.Parse("nginx").Reference!.ImageId);
        Assert.Equal(ImageReference.Parse("nginx:1.25").Reference!.SizeBytes, ImageReference.Parse("docker.io/library/nginx:1.25").Reference!.SizeBytes);
    }

    [Theory]
    [InlineData("Nginx", "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name must be lowercase")]
    [InlineData("nginx:", "Failed to apply default image tag \"nginx:\": couldn't parse image name \"nginx:\": invalid reference format")]
    [InlineData("", "Failed to apply default image tag \"\": couldn't parse image name \"\": invalid reference format")]
    [InlineData("nginx@sha256:abc", "Failed to apply default image tag \"nginx@sha256:abc\": couldn't parse image name \"nginx@sha256:abc\": invalid reference format")]
    [InlineData("my app", "Failed to apply default image tag \"my app\": couldn't parse image name \"my app\": invalid reference format")]
    [InlineData("-nginx", "Failed to apply default image tag \"-nginx\": couldn't parse image name \"-nginx\": invalid reference format")]
    public void Invalid_references_are_reported_as_the_kubelet_words_it(string image, string message)
    {
        var (reference, error) = ImageReference.Parse(image);

        Assert.Null(reference);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(1234, "1.234s")]
    [InlineData(10_000, "10s")]
    [InlineData(80_000, "1m20s")]
    [InlineData(120_000, "2m0s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(3_723_500, "1h2m3.5s")]
    public void Durations_print_as_Go_prints_them(int milliseconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
