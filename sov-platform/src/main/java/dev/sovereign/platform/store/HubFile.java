package dev.sovereign.platform.store;

/**
 * One file of a repository as the hub lists it.
 *
 * @param path      its path inside the repository ({@code rfilename})
 * @param size      its size in bytes, -1 when the hub did not say
 * @param lfsSha256 for files stored with Git LFS (the weights): the sha256 of the content
 * @param blobId    for plain git files: the git blob id, sha1 of {@code "blob <size>\0" + content}
 */
public record HubFile(String path, long size, String lfsSha256, String blobId) {

    public boolean lfs() {
        return lfsSha256 != null;
    }
}
