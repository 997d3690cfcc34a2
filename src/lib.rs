//! zoomws: tail Zoom's WebSocket event subscriptions.
//!
//! Data flows one way: [`cli`] → [`config`] → [`auth`] → [`session`] → [`protocol`] →
//! [`filter`] → [`output`]. [`tail`] runs that pipeline; [`mock`] is a Zoom emulator that
//! shares only [`protocol`] with the client. [`app`] wires commands to them and [`exit`] turns
//! results into exit codes. [`net`] ([`tls`], [`proxy`]) decides how both connections reach
//! Zoom.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod doctor;
pub mod exit;
pub mod filter;
pub mod generate;
pub mod human;
pub mod jq;
pub mod logging;
pub mod mock;
pub mod net;
pub mod output;
pub mod profile;
pub mod protocol;
pub mod proxy;
pub mod retry;
pub mod secret;
pub mod session;
pub mod stats;
pub mod status;
pub mod tail;
pub mod tls;
