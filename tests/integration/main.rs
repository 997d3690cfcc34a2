//! Integration tests: the real `zoomws` binary against the built-in emulator over loopback.

mod config;
mod doctor;
mod faults;
mod output;
mod reconnect;
mod stopping;
mod support;
mod tail;
