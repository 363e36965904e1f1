//! The canonical document described for people who write policies against it: a Markdown
//! page (docs/canonical.md) and a JSON Schema (docs/canonical.schema.json), both generated
//! from the declarations in this module's siblings, so they cannot drift from what `normalize`
//! produces (a test validates real output against the JSON Schema).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{EnumSchema, Kind, ObjectSchema};
use crate::ingest::collection::Collection;
use crate::model::DataArea;

/// The JSON Schema (draft 2020-12) of the canonical document.
pub fn json_schema() -> Value {
    let mut defs = BTreeMap::new();
    let mut areas = Map::new();
    for area in DataArea::ALL {
        let mut properties = Map::new();
        for collection in Collection::ALL.into_iter().filter(|c| c.area() == area) {
            collect(collection.schema(), &mut defs);
            let item = json!({ "$ref": format!("#/$defs/{}", collection.schema().name) });
            let value = if collection.is_singleton() { item } else { json!({ "type": "array", "items": item }) };
            let description = format!(
                "{}; absent when no export of the tenant holds {}.",
                describe_collection(collection),
                if collection.is_singleton() { "it" } else { "them" }
            );
            properties.insert(collection.key().to_owned(), with_description(value, &description));
        }
        areas.insert(
            area.key().to_owned(),
            json!({
                "type": "object",
                "description": format!("Present when the tenant's exports include {}.", area.export_name()),
                "properties": properties,
                "additionalProperties": false,
            }),
        );
    }
    let mut properties = Map::new();
    properties.insert(
        "tenant".into(),
        json!({
            "type": "object",
            "description": "The tenant: its name (the export's display name when a tool recorded one, else the directory or file name) and its id (a GUID, when an export says).",
            "properties": {"name": {"type": ["string", "null"]}, "id": {"type": ["string", "null"]}},
            "required": ["name", "id"],
            "additionalProperties": false,
        }),
    );
    let flags: Map<String, Value> =
        DataArea::ALL.iter().map(|area| (area.key().to_owned(), json!({ "type": "boolean" }))).collect();
    properties.insert(
        "areas".into(),
        json!({
            "type": "object",
            "description": "Which export areas the tenant's exports provide. A rule that requires a missing area is not assessed.",
            "properties": flags,
            "required": DataArea::ALL.iter().map(|a| a.key()).collect::<Vec<_>>(),
            "additionalProperties": false,
        }),
    );
    properties.extend(areas);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/m365lint/m365lint/docs/canonical.schema.json",
        "title": "m365lint canonical document",
        "description": "What policies see as `input`: one tenant's exports, whatever tool produced them (`m365lint normalize PATH`).",
        "type": "object",
        "properties": properties,
        "required": ["tenant", "areas"],
        "additionalProperties": false,
        "$defs": defs.into_iter().collect::<Map<String, Value>>(),
    })
}

fn describe_collection(collection: Collection) -> String {
    let noun = collection.noun();
    if collection.is_singleton() { format!("The tenant's {noun}") } else { format!("The tenant's {noun} objects") }
}

/// Every object type reachable from `schema`, by name.
fn collect(schema: &'static ObjectSchema, defs: &mut BTreeMap<String, Value>) {
    if defs.contains_key(schema.name) {
        return;
    }
    defs.insert(schema.name.to_owned(), Value::Null);
    let mut properties = Map::new();
    for field in schema.fields {
        if let Some(nested) = field.kind.object_schema() {
            collect(nested, defs);
        }
        let mut description = field.description.to_owned();
        if field.derived {
            description.push_str(" (Derived by m365lint.)");
        }
        properties.insert(field.name.to_owned(), with_description(type_of(&field.kind), &description));
    }
    let mut object = json!({
        "type": "object",
        "description": schema.description,
        "properties": properties,
        "additionalProperties": false,
    });
    if schema.collapse_when_empty
        && let Some(description) = object.get_mut("description")
    {
        *description = Value::String(format!("{} Null when the export says nothing of it.", schema.description));
    }
    defs.insert(schema.name.to_owned(), object);
}

/// The JSON Schema of a field's value. Scalars and objects may be null (the export said
/// null); lists never are (a null list is `[]`).
fn type_of(kind: &Kind) -> Value {
    match kind {
        Kind::String | Kind::Name | Kind::DateTime => json!({ "type": ["string", "null"] }),
        Kind::Boolean => json!({ "type": ["boolean", "null"] }),
        Kind::Integer => json!({ "type": ["integer", "null"] }),
        Kind::Enum(schema) => enum_type(schema, true),
        Kind::Flags(schema) => json!({ "type": "array", "items": enum_type(schema, false) }),
        Kind::List(item) => json!({ "type": "array", "items": type_of(item) }),
        Kind::Object(schema) => {
            json!({ "oneOf": [{ "$ref": format!("#/$defs/{}", schema.name) }, { "type": "null" }] })
        }
        Kind::Json => json!({}),
    }
}

/// A closed enum lists its members; an open one is any string (unknown values are kept as
/// exported), its known members documented.
fn enum_type(schema: &EnumSchema, nullable: bool) -> Value {
    let members: Vec<Value> = schema.members.iter().map(|m| Value::from(*m)).collect();
    match (schema.open, nullable) {
        (false, true) => {
            let mut members = members;
            members.push(Value::Null);
            json!({ "enum": members })
        }
        (false, false) => json!({ "enum": members }),
        (true, nullable) => json!({
            "type": if nullable { json!(["string", "null"]) } else { json!("string") },
            "examples": members,
        }),
    }
}

fn with_description(mut value: Value, description: &str) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert("description".into(), Value::from(description));
    }
    value
}

/// The canonical document as a Markdown reference page.
pub fn markdown() -> String {
    let mut text = String::from(
        "# The canonical document\n\n\
         <!-- Generated from src/ingest/schema by `m365lint normalize --schema-markdown`; do not edit. -->\n\n\
         Policies never see raw exports. Every producer's JSON (Microsoft Graph, the Graph PowerShell\n\
         SDK, Exchange and Security & Compliance PowerShell, ScubaGear, Microsoft365DSC) is read into\n\
         one canonical document per tenant, which is what a policy sees as `input`;\n\
         `m365lint normalize PATH` prints it. Its JSON Schema is\n\
         [canonical.schema.json](canonical.schema.json).\n\n\
         Conventions:\n\n\
         - Keys are camelCase, spelled as Microsoft Graph (or the cmdlet) spells them, whatever the\n\
         \x20 producer's casing; area and collection keys are snake_case.\n\
         - A value the export does not include is **missing**; `null` means the export said null;\n\
         \x20 lists are never null (`[]` instead), so policies can iterate them safely.\n\
         - A collection no export holds is absent from its area, so \"not exported\" and \"none\" differ.\n\
         - Enum values use Graph's spelling (matched case-insensitively on input); open enums keep\n\
         \x20 unknown values as exported. Integers stand for enum values only through explicit tables.\n\
         - Flags strings (`\"deviceCodeFlow,authenticationTransfer\"`) and comma lists become arrays;\n\
         \x20 JSON inside strings becomes parsed values; dates become RFC 3339 text when they can be read.\n\
         - Fields marked *derived* are computed by m365lint (from a type name, several forms, or\n\
         \x20 text), not copied from a key of the same name.\n\n\
         ```\n{\n  \"tenant\": {\"name\": ..., \"id\": ...},\n  \"areas\": {\"conditional_access\": bool, \"intune\": bool, \"dlp\": bool, \"encryption\": bool},\n",
    );
    for area in DataArea::ALL {
        let members: Vec<String> = Collection::ALL
            .into_iter()
            .filter(|c| c.area() == area)
            .map(|c| {
                let shape = if c.is_singleton() { "{...}" } else { "[...]" };
                format!("\"{}\": {shape}", c.key())
            })
            .collect();
        let _ = writeln!(text, "  \"{}\": {{{}}},", area.key(), members.join(", "));
    }
    text.push_str("}\n```\n");
    let mut seen = Vec::new();
    for collection in Collection::ALL {
        let path = format!(
            "{}.{}{}",
            collection.area().key(),
            collection.key(),
            if collection.is_singleton() { "" } else { "[]" }
        );
        let _ = write!(text, "\n## `{path}`\n");
        object_section(collection.schema(), &mut seen, &mut text, 3);
    }
    text
}

fn object_section(schema: &'static ObjectSchema, seen: &mut Vec<&'static str>, text: &mut String, level: usize) {
    if seen.contains(&schema.name) {
        let _ = writeln!(text, "\nSee `{}` above.", schema.name);
        return;
    }
    seen.push(schema.name);
    let _ =
        write!(text, "\n`{}`: {}\n\n| field | type | description |\n|---|---|---|\n", schema.name, schema.description);
    for field in schema.fields {
        let derived = if field.derived { " *(derived)*" } else { "" };
        let _ = writeln!(
            text,
            "| `{}` | {} | {}{derived} |",
            field.name,
            type_name(&field.kind),
            field.description.replace('|', "\\|")
        );
    }
    // Nested object types follow their parent, one heading level down.
    for field in schema.fields {
        if let Some(object) = field.kind.object_schema()
            && !seen.contains(&object.name)
        {
            let _ = write!(text, "\n{} `{}.{}`\n", "#".repeat(level.min(6)), schema.name, field.name);
            object_section(object, seen, text, level + 1);
        }
    }
}

fn type_name(kind: &Kind) -> String {
    match kind {
        Kind::String => "string".into(),
        Kind::Name => "string (a name)".into(),
        Kind::Boolean => "boolean".into(),
        Kind::Integer => "integer".into(),
        Kind::DateTime => "date-time (RFC 3339)".into(),
        Kind::Enum(schema) => format!("{}: {}", schema.name, members(schema)),
        Kind::Flags(schema) => format!("array of {}: {}", schema.name, members(schema)),
        Kind::List(item) => format!("array of {}", type_name(item)),
        Kind::Object(schema) => format!("`{}`", schema.name),
        Kind::Json => "any JSON".into(),
    }
}

fn members(schema: &EnumSchema) -> String {
    let listed: Vec<String> = schema.members.iter().map(|m| format!("`{m}`")).collect();
    let open = if schema.open { ", or another value as exported" } else { "" };
    format!("{}{open}", listed.join(", "))
}
