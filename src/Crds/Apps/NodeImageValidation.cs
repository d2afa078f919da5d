using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a NodeImage, each error naming its field.</summary>
public static class NodeImageValidation
{
    public static IReadOnlyList<FieldError> Validate(NodeImage nodeImage)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(nodeImage.Metadata, errors);
        var images = nodeImage.Spec.Images;
        if (images is null)
            return errors;
        if (images.Count > NodeImage.MaxImages)
            errors.Add(new("spec.images", $"must have at most {NodeImage.MaxImages} images, got {images.Count}"));
        foreach (var (name, image) in images.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(new("spec.images", "image names must not be empty"));
                continue;
            }
            ValidateTags(CommonValidation.Key("spec.images", name), image.Tags, errors);
        }
        return errors;
    }

    private static void ValidateTags(string path, IList<ImageTagSpec>? tags, List<FieldError> errors)
    {
        if (tags is null)
            errors.Add(new($"{path}.tags", "is required"));
        CommonValidation.UniqueNames($"{path}.tags", tags?.Select(t => t.Tag), errors, ".tag");
        for (var i = 0; i < (tags?.Count ?? 0); i++)
        {
            var tag = tags![i];
            var at = $"{path}.tags[{i}]";
            if (tag.CreatedAt is null)
                errors.Add(new($"{at}.createdAt", "is required"));
            CommonValidation.NonNegative($"{at}.version", tag.Version, errors);
            CommonValidation.OneOf($"{at}.imagePullPolicy", tag.ImagePullPolicy, ImagePullPolicies.All, errors);
            var pull = tag.PullPolicy;
            if (pull is null)
            {
                errors.Add(new($"{at}.pullPolicy", "is required"));
                continue;
            }
            // The tag must say when it may be dropped, or the node would keep it forever.
            if (pull.TtlSecondsAfterFinished is null)
                errors.Add(new($"{at}.pullPolicy.ttlSecondsAfterFinished", "is required"));
            CommonValidation.NonNegative($"{at}.pullPolicy.ttlSecondsAfterFinished", pull.TtlSecondsAfterFinished, errors);
            CommonValidation.NonNegative($"{at}.pullPolicy.timeoutSeconds", pull.TimeoutSeconds, errors);
            CommonValidation.NonNegative($"{at}.pullPolicy.backoffLimit", pull.BackoffLimit, errors);
            CommonValidation.NonNegative($"{at}.pullPolicy.activeDeadlineSeconds", pull.ActiveDeadlineSeconds, errors);
        }
    }
}
