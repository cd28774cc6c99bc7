/// Set at image build time with `-Xswiftc -DCRONJOB_VERSION_...` is overkill; the release script rewrites this line.
enum BuildVersion {
    static let current = "0.1.0"
}
