//! Tool wrappers: files that hold several exports of one tenant under the tool's own keys.
//! Each wrapper module recognizes its file by content, says which of its members are which
//! collection (and which it failed to collect), and what tenant the file is of. The
//! objects inside are normalized by the area modules like any other export.

pub mod scubagear;
