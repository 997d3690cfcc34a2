//! Shell integration: `zoomws completions SHELL` prints the committed scripts.

use crate::support::{client, run};

#[test]
fn completions_print_the_committed_script_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "zoomws.bash"),
        ("zsh", "_zoomws"),
        ("fish", "zoomws.fish"),
    ] {
        let out = run(client(dir.path()).args(["completions", shell]));
        assert_eq!(out.code(), 0, "{}", out.stderr);
        let committed = std::fs::read_to_string(root.join("completions").join(file)).unwrap();
        assert_eq!(out.stdout, committed, "{shell}");
    }

    let out = run(client(dir.path()).args(["completions", "tcsh"]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
}
