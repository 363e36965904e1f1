//! Tool wrappers: exports whose envelope is a tool's own format rather than a Microsoft Graph
//! or PowerShell object list. Each wrapper is recognized by content and maps the tool's own
//! names onto the canonical document, recording where every canonical value came from.

pub mod m365dsc;
