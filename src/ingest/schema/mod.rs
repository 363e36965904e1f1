//! The canonical document, declared once. Each object type lists its canonical (camelCase)
//! fields and their kinds; the normalizer reads any producer's object through these
//! declarations, the source resolver walks back through them, and the documentation of the
//! canonical document is generated from them.

pub mod conditional_access;
mod describe;
pub mod dlp;
pub mod encryption;
pub mod intune;

pub use describe::{json_schema, markdown};

/// A canonical object type.
#[derive(Debug)]
pub struct ObjectSchema {
    pub name: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    /// Producers differ in how they say "not set" for optional complex values: Graph sends
    /// `null`, the Graph PowerShell SDK an object whose members are all null. When set, an
    /// object whose fields all normalize to null or `[]` becomes `null`.
    pub collapse_when_empty: bool,
}

/// A canonical field.
#[derive(Debug)]
pub struct Field {
    /// Canonical camelCase name (Graph's spelling). Source keys match case-insensitively.
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
    /// Other source keys for the same value (matched case-insensitively too).
    pub aliases: &'static [&'static str],
    /// Built by the area's normalizer (parsed from a string, unified from several forms,
    /// computed), never read from a source key of the same name.
    pub derived: bool,
}

/// How a field's value is read and what it becomes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    String,
    Boolean,
    Integer,
    /// Any of the date forms exports use; becomes RFC 3339 text (best effort, never fatal).
    DateTime,
    Enum(&'static EnumSchema),
    /// A flags enum: a comma-separated string or an array; becomes an array of members.
    Flags(&'static EnumSchema),
    /// An array; `null` becomes `[]`, a single item becomes a one-item array.
    List(&'static Kind),
    Object(&'static ObjectSchema),
    /// A name: a string, or an object whose `Name` (else `DisplayName`) is taken. DLP locations
    /// are objects in deep exports and their names in shallow ones.
    Name,
    /// Kept as exported (free-form JSON).
    Json,
}

/// An enum: its members in canonical spelling, and the integer values that may stand for
/// them (explicit tables only: an integer not in the table is an error, never a guess).
#[derive(Debug)]
pub struct EnumSchema {
    pub name: &'static str,
    pub members: &'static [&'static str],
    pub integers: &'static [(i64, &'static str)],
    /// Open enums keep unknown strings as exported (Graph adds members over time, and real
    /// tenants return values outside the documented enum).
    pub open: bool,
}

impl ObjectSchema {
    /// The field a source key stands for, if any (derived fields are never read from a key).
    pub fn field_for_key(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| !field.derived && field.matches_key(key))
    }

    /// The field with this canonical name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

impl Field {
    pub fn matches_key(&self, key: &str) -> bool {
        key.eq_ignore_ascii_case(self.name) || self.aliases.iter().any(|alias| key.eq_ignore_ascii_case(alias))
    }
}

impl Kind {
    /// The object schema this kind holds, directly or as list items.
    pub fn object_schema(&self) -> Option<&'static ObjectSchema> {
        match self {
            Kind::Object(schema) => Some(schema),
            Kind::List(item) => item.object_schema(),
            _ => None,
        }
    }
}

impl EnumSchema {
    /// The canonical spelling of a member, matched case-insensitively.
    pub fn member(&self, value: &str) -> Option<&'static str> {
        self.members.iter().copied().find(|member| member.eq_ignore_ascii_case(value))
    }

    pub fn member_for_integer(&self, value: i64) -> Option<&'static str> {
        self.integers.iter().find(|(n, _)| *n == value).map(|(_, member)| *member)
    }
}

/// Shorthand for declaring a field without aliases.
pub const fn field(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field { name, kind, description, aliases: &[], derived: false }
}

/// Shorthand for declaring a field the area's normalizer builds itself.
pub const fn derived(name: &'static str, kind: Kind, description: &'static str) -> Field {
    Field { name, kind, description, aliases: &[], derived: true }
}

/// Shorthand for declaring a field with other source spellings.
pub const fn field_aliased(
    name: &'static str,
    aliases: &'static [&'static str],
    kind: Kind,
    description: &'static str,
) -> Field {
    Field { name, kind, description, aliases, derived: false }
}

/// Whether a source key is the Graph PowerShell SDK's bag of members that the model class
/// does not declare; its entries belong to the enclosing object.
pub fn is_additional_properties(key: &str) -> bool {
    key.eq_ignore_ascii_case("AdditionalProperties")
}
