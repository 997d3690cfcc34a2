//! Integration tests: the real `zoomws` binary against the built-in emulator over loopback.

mod config;
mod doctor;
mod faults;
mod network;
mod network_support;
mod output;
mod reconnect;
mod shell;
mod stopping;
mod support;
mod tail;
