//! One module per export area: how to recognize its objects and normalize them.

pub mod conditional_access;
