//! The one integration-test binary: it runs the real `recoupe` executable
//! on real stores in temporary folders (the shipped store, copied, and
//! stores written by the tests), and checks what a user would see: stdout,
//! stderr, exit status and the files left behind.

mod support;

mod add;
mod cache;
mod check;
mod claimreview;
mod export;
mod extract;
mod formats;
mod graph;
mod hardening;
mod history;
mod html;
mod import;
mod init;
mod layout;
mod report;
mod sources;
mod validate;
