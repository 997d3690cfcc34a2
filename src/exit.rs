//! Exit codes, decided in one place.
//!
//! | code | meaning |
//! |------|---------|
//! | 0    | normal stop: Ctrl-C, SIGTERM, `--count` reached, stdout closed, plain `--timeout` |
//! | 1    | runtime failure |
//! | 2    | usage or configuration error |
//! | 3    | authentication rejected |
//! | 124  | `--timeout` reached before `--count` events |

use std::io;
use std::process::ExitCode;

use crate::auth::AuthError;
use crate::config::ConfigError;

/// A runtime failure.
pub const FAILURE: u8 = 1;
/// Bad usage or configuration.
pub const USAGE: u8 = 2;
/// Zoom refused the credentials or the token.
pub const AUTH: u8 = 3;
/// `--timeout` came before `--count`, as with timeout(1).
pub const TIMEOUT: u8 = 124;

/// How a run that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command finished on its own.
    Stopped,
    /// Ctrl-C or SIGTERM.
    Interrupted,
    /// `--count` events were printed.
    CountReached,
    /// The reader of stdout went away.
    StdoutClosed,
    /// `--timeout` passed; `count_pending` when `--count` was given and not reached.
    TimedOut { count_pending: bool },
    /// A command that reports its own failures (`doctor`) finished with this code.
    Reported(u8),
}

impl Outcome {
    /// The process exit code for this outcome.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::TimedOut {
                count_pending: true,
            } => ExitCode::from(TIMEOUT),
            Outcome::Reported(code) => ExitCode::from(code),
            _ => ExitCode::SUCCESS,
        }
    }
}

/// The exit code for an error, from the typed error at its root.
pub fn code_for(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<ConfigError>() {
            return USAGE;
        }
        if cause.is::<AuthError>() {
            return AUTH;
        }
    }
    FAILURE
}

/// Whether the error is only a closed stdout, which is a normal way for a pipe to end.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    use super::*;

    #[test]
    fn typed_errors_choose_the_code_through_context() {
        let usage = anyhow::Error::new(ConfigError("bad".into())).context("while starting");
        assert_eq!(code_for(&usage), USAGE);

        let auth = AuthError::TokenRejected("Invalid Token".into());
        assert_eq!(code_for(&anyhow::Error::new(auth).context("tail")), AUTH);

        assert_eq!(code_for(&anyhow::anyhow!("boom")), FAILURE);
    }

    #[test]
    fn timeout_exits_124_only_with_a_pending_count() {
        assert_eq!(
            Outcome::TimedOut {
                count_pending: true
            }
            .exit_code(),
            ExitCode::from(TIMEOUT)
        );
        assert_eq!(
            Outcome::TimedOut {
                count_pending: false
            }
            .exit_code(),
            ExitCode::SUCCESS
        );
        assert_eq!(Outcome::Interrupted.exit_code(), ExitCode::SUCCESS);
    }

    #[test]
    fn broken_pipe_is_found_under_context() {
        let err: anyhow::Result<()> =
            Err(io::Error::from(io::ErrorKind::BrokenPipe)).context("write");
        assert!(is_broken_pipe(&err.unwrap_err()));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
