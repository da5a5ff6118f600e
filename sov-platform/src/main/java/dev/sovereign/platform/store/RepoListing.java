package dev.sovereign.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's answer to {@code GET /api/models/{repo}/revision/{rev}?blobs=true}: the commit the
 * revision resolves to ({@code sha}) and every file ({@code siblings}) with its size and ids.
 */
public record RepoListing(ModelRef ref, String commit, List<HubFile> files) {

    public RepoListing {
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
    }

    static RepoListing parse(ModelRef ref, JsonNode info) {
        String commit = info.path("sha").asText("");
        if (!ModelRef.isCommit(commit)) {
            throw new StoreException("the hub's answer for " + ref + " has no commit sha (field 'sha'): is "
                    + "HF_ENDPOINT a Hugging Face compatible hub?");
        }
        List<HubFile> files = new ArrayList<>();
        for (JsonNode sibling : info.path("siblings")) {
            String path = sibling.path("rfilename").asText("");
            JsonNode lfs = sibling.path("lfs");
            String sha256 = lfs.hasNonNull("sha256") ? lfs.get("sha256").asText().toLowerCase() : null;
            long size = sibling.hasNonNull("size") ? sibling.get("size").asLong()
                    : lfs.hasNonNull("size") ? lfs.get("size").asLong() : -1;
            String blobId = sibling.hasNonNull("blobId") ? sibling.get("blobId").asText().toLowerCase() : null;
            files.add(new HubFile(path, size, sha256, blobId));
        }
        if (files.isEmpty()) {
            throw new StoreException("the hub lists no files for " + ref + " (commit " + commit + ")");
        }
        return new RepoListing(ref, commit, files);
    }
}
