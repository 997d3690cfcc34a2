//! Files generated from the clap definitions: shell completion scripts and man pages.
//!
//! The copies committed under `completions/` and `man/` are checked by a unit test here; after
//! changing a flag, regenerate them with `ZOOMWS_UPDATE_GENERATED=1 cargo test --lib generated`.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The name the scripts and pages are written for.
const BIN: &str = "zoomws";

/// Every shell `zoomws completions` supports, with the file its script is committed as.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "zoomws.bash"),
    (Shell::Zsh, "_zoomws"),
    (Shell::Fish, "zoomws.fish"),
    (Shell::PowerShell, "_zoomws.ps1"),
    (Shell::Elvish, "zoomws.elv"),
];

/// The completion script for one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    script
}

/// The man pages: `zoomws.1`, then one per visible subcommand (`zoomws-tail.1`, ...), each as a
/// file name and its roff text.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();

    let mut pages = Vec::new();
    let mut pending = vec![command];
    while let Some(command) = pending.pop() {
        let visible = command.get_subcommands().filter(|sub| !sub.is_hide_set());
        pending.extend(visible.cloned());

        let man = clap_mangen::Man::new(command);
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        pages.push((man.get_filename(), roff));
    }
    pages.sort();
    Ok(pages)
}

/// Every generated file, as a path relative to the crate root and its contents.
pub fn files() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = SHELLS
        .iter()
        .map(|(shell, name)| (PathBuf::from("completions").join(name), completion(*shell)))
        .collect();
    for (name, roff) in man_pages()? {
        files.push((PathBuf::from("man").join(name), roff));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Set to rewrite the committed files instead of comparing them.
    const UPDATE: &str = "ZOOMWS_UPDATE_GENERATED";

    #[test]
    fn generated_files_are_up_to_date() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let update = std::env::var_os(UPDATE).is_some_and(|v| v == "1");

        let files = files().unwrap();
        let mut stale = leftovers(root, &files, update);
        for (path, contents) in files {
            let full = root.join(&path);
            if update {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, &contents).unwrap();
            } else if std::fs::read(&full).ok().as_deref() != Some(&contents[..]) {
                stale.push(path.display().to_string());
            }
        }

        assert!(
            stale.is_empty(),
            "generated files are missing or stale: {}; regenerate them with \
             `{UPDATE}=1 cargo test --lib generated` and commit the result",
            stale.join(", ")
        );
    }

    /// Files in the generated folders that nothing generates any more (removed when updating).
    fn leftovers(root: &Path, files: &[(PathBuf, Vec<u8>)], update: bool) -> Vec<String> {
        let mut extra = Vec::new();
        for folder in ["completions", "man"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = PathBuf::from(folder).join(entry.file_name());
                let known = files.iter().any(|(p, _)| *p == path);
                if known || entry.file_name() == ".gitkeep" {
                    continue;
                }
                if update {
                    std::fs::remove_file(entry.path()).unwrap();
                } else {
                    extra.push(format!("{} (no longer generated)", path.display()));
                }
            }
        }
        extra
    }

    #[test]
    fn every_shell_gets_a_script_that_knows_the_subcommands() {
        for (shell, _) in SHELLS {
            let script = String::from_utf8(completion(shell)).unwrap();
            assert!(
                script.contains("tail") && script.contains("ca-cert"),
                "{shell}"
            );
        }
    }

    #[test]
    fn there_is_a_man_page_per_subcommand() {
        let names: Vec<String> = man_pages().unwrap().into_iter().map(|(n, _)| n).collect();
        for name in [
            "zoomws.1",
            "zoomws-tail.1",
            "zoomws-mock.1",
            "zoomws-completions.1",
        ] {
            assert!(names.iter().any(|n| n == name), "{names:?}");
        }
    }
}
