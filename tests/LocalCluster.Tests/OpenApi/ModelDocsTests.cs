using Kruise.Actors.LocalCluster.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>Descriptions read from KubernetesClient's XML documentation.</summary>
public class ModelDocsTests
{
    [Fact]
    public void Summaries_of_models_are_read_with_whitespace_collapsed()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                <?xml version="1.0"?>
                <doc>
                  <members>
                    <member name="T:k8s.Models.V1Pod">
                      <summary>
                      Pod is a collection of containers
                      that can run on a host.
                      </summary>
                    </member>
                    <member name="P:k8s.Models.V1PodSpec.Containers"><summary>List of containers.</summary></member>
                    <member name="M:k8s.Kubernetes.ListPod"><summary>Not a model.</summary></member>
                  </members>
                </doc>
                """);
            var docs = ModelDocs.Load(path);
            Assert.Equal("Pod is a collection of containers that can run on a host.", docs["T:k8s.Models.V1Pod"]);
            Assert.Equal("List of containers.", docs["P:k8s.Models.V1PodSpec.Containers"]);
            Assert.Equal(2, docs.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_gives_no_descriptions() => Assert.Empty(ModelDocs.Load("/nonexistent/KubernetesClient.xml"));
}
