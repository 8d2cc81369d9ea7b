//! What the unit tests of several modules share: a store written to a
//! temporary folder, so that each test reads real files as a user's run
//! does.

/// A store folder holding `sources` as `sources.yaml` and each
/// `(name, text)` of `files` as `claims/name`.
pub(crate) fn store_folder(sources: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("sources.yaml"), sources).unwrap();
    std::fs::create_dir(dir.path().join("claims")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("claims").join(name), text).unwrap();
    }
    dir
}
