//! One module per command: each turns its arguments into calls to the library and prints
//! what comes back (`execute`).

pub mod diff;
pub mod fetch;
