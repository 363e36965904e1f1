//! Tool wrappers: files whose envelope is a tool's own format rather than a Microsoft Graph or
//! PowerShell object list. Each wrapper is recognized by content and says which of its members
//! are which collection (and which it failed to collect) and, where it can, what tenant the
//! file is of; the objects inside are normalized by the area modules (ScubaGear) or mapped
//! from the tool's own names onto the canonical document with provenance (Microsoft365DSC).

pub mod m365dsc;
pub mod scubagear;
