//! `Get-Label`'s `LabelActions`: each action is a JSON document inside a string,
//! `{"Type":"encrypt","SubType":null,"Settings":[{"Key":"disabled","Value":"false"}, ...]}`,
//! and the rights of an `encrypt` action (`rightsdefinitions`) are JSON inside that JSON. An
//! action becomes `{"type", "subType", "settings": {key: value}}`.

use serde_json::{Map, Value};

use super::member;

/// Why a label action could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ActionError {
    /// Text that is not JSON at all (edited or cut short): the message of the JSON parser.
    NotJson(String),
    /// JSON that is not shaped like a label action.
    Shape(String),
}

/// Parses one action string into its canonical object.
pub fn parse(text: &str) -> Result<Value, ActionError> {
    let parsed: Value = serde_json::from_str(text).map_err(|error| ActionError::NotJson(error.to_string()))?;
    let Value::Object(action) = parsed else {
        return Err(ActionError::Shape("a label action is a JSON object".to_owned()));
    };
    let kind = match member(&action, "Type") {
        Some((_, Value::String(kind))) => kind.to_ascii_lowercase(),
        _ => return Err(ActionError::Shape("the label action has no `Type`".to_owned())),
    };
    let sub_type = match member(&action, "SubType") {
        None | Some((_, Value::Null)) => Value::Null,
        Some((_, Value::String(sub_type))) => Value::String(sub_type.clone()),
        Some(_) => return Err(ActionError::Shape("`SubType` is not a string".to_owned())),
    };
    let settings = match member(&action, "Settings") {
        None | Some((_, Value::Null)) => Map::new(),
        Some((_, Value::Array(pairs))) => settings(pairs)?,
        Some(_) => return Err(ActionError::Shape("`Settings` is not a list of `{Key, Value}` pairs".to_owned())),
    };
    let mut canonical = Map::new();
    canonical.insert("type".to_owned(), Value::String(kind));
    canonical.insert("subType".to_owned(), sub_type);
    canonical.insert("settings".to_owned(), Value::Object(settings));
    Ok(Value::Object(canonical))
}

/// `[{"Key": "disabled", "Value": "false"}, ...]` as an object keyed by lower-case name (the
/// last of duplicate keys wins, as in JSON).
fn settings(pairs: &[Value]) -> Result<Map<String, Value>, ActionError> {
    let mut settings = Map::new();
    for pair in pairs {
        let Some(pair) = pair.as_object() else {
            return Err(ActionError::Shape("a setting of the label action is not a `{Key, Value}` pair".to_owned()));
        };
        let Some((_, Value::String(key))) = member(pair, "Key") else {
            return Err(ActionError::Shape("a setting of the label action has no `Key`".to_owned()));
        };
        let key = key.to_ascii_lowercase();
        let value = match member(pair, "Value").map(|(_, value)| value) {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(text)) if key == "rightsdefinitions" => rights_definitions(text)?,
            Some(Value::String(text)) => Value::String(text.clone()),
            Some(Value::Bool(flag)) => Value::String(flag.to_string()),
            Some(Value::Number(number)) => Value::String(number.to_string()),
            Some(_) => return Err(ActionError::Shape(format!("the value of setting `{key}` is not text"))),
        };
        settings.insert(key, value);
    }
    Ok(settings)
}

/// `[{"Identity":"finance@contoso.com","Rights":"VIEW,EDIT"}]` as
/// `[{"identity": "finance@contoso.com", "rights": ["VIEW", "EDIT"]}]`.
fn rights_definitions(text: &str) -> Result<Value, ActionError> {
    let parsed: Value = serde_json::from_str(text)
        .map_err(|error| ActionError::NotJson(format!("its `rightsdefinitions` setting: {error}")))?;
    let Value::Array(grants) = parsed else {
        return Err(ActionError::Shape("`rightsdefinitions` is not a list".to_owned()));
    };
    grants
        .iter()
        .map(|grant| {
            let grant = grant.as_object();
            let text_of = |name: &str| match grant.and_then(|grant| member(grant, name)) {
                Some((_, Value::String(text))) => Some(text.clone()),
                _ => None,
            };
            let (Some(identity), Some(rights)) = (text_of("Identity"), text_of("Rights")) else {
                return Err(ActionError::Shape("a `rightsdefinitions` entry has no `Identity` or `Rights`".to_owned()));
            };
            let rights: Vec<Value> = rights
                .split(',')
                .map(str::trim)
                .filter(|right| !right.is_empty())
                .map(|right| Value::String(right.to_owned()))
                .collect();
            let mut canonical = Map::new();
            canonical.insert("identity".to_owned(), Value::String(identity));
            canonical.insert("rights".to_owned(), Value::Array(rights));
            Ok(Value::Object(canonical))
        })
        .collect::<Result<Vec<Value>, ActionError>>()
        .map(Value::Array)
}

/// Whether an `encrypt` action encrypts: its `disabled` setting is not `true`, and it does not
/// remove protection (`protectiontype` `removeprotection`). `None` for other actions.
pub fn encrypts(action: &Value) -> Option<bool> {
    if action.get("type").and_then(Value::as_str) != Some("encrypt") {
        return None;
    }
    let setting = |name: &str| action.get("settings").and_then(|settings| settings.get(name)).and_then(Value::as_str);
    let disabled = setting("disabled").is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
    let removes = setting("protectiontype").is_some_and(|value| value.trim().eq_ignore_ascii_case("removeprotection"));
    Some(!disabled && !removes)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parses_an_encrypt_action_with_rights_inside() {
        let text = r#"{"Type":"encrypt","SubType":null,"Settings":[{"Key":"protectiontype","Value":"template"},{"Key":"Disabled","Value":"false"},{"Key":"offlineaccessdays","Value":"-1"},{"Key":"rightsdefinitions","Value":"[{\"Identity\":\"finance@contoso.com\",\"Rights\":\"VIEW,EDIT\"},{\"Identity\":\"AuthenticatedUsers\",\"Rights\":\"VIEW\"}]"}]}"#;
        let action = parse(text);
        assert_eq!(
            action,
            Ok(json!({"type": "encrypt", "subType": null, "settings": {
            "protectiontype": "template", "disabled": "false", "offlineaccessdays": "-1",
            "rightsdefinitions": [
                {"identity": "finance@contoso.com", "rights": ["VIEW", "EDIT"]},
                {"identity": "AuthenticatedUsers", "rights": ["VIEW"]}
            ]}}))
        );
        assert_eq!(action.ok().as_ref().and_then(encrypts), Some(true));
    }

    #[test]
    fn disabled_and_remove_protection_actions_do_not_encrypt() {
        let disabled = parse(r#"{"Type":"encrypt","SubType":null,"Settings":[{"Key":"disabled","Value":"True"}]}"#);
        assert_eq!(disabled.ok().as_ref().and_then(encrypts), Some(false));
        let removes = parse(
            r#"{"Type":"encrypt","SubType":null,"Settings":[{"Key":"protectiontype","Value":"removeprotection"},{"Key":"disabled","Value":"false"}]}"#,
        );
        assert_eq!(removes.ok().as_ref().and_then(encrypts), Some(false));
        let marking =
            parse(r#"{"Type":"applycontentmarking","SubType":"footer","Settings":[{"Key":"text","Value":"Intern"}]}"#);
        assert_eq!(marking.ok().as_ref().and_then(encrypts), None);
    }

    #[test]
    fn text_that_is_not_json_or_not_an_action_is_an_error() {
        assert!(matches!(
            parse(r#"{"Type":"encrypt","SubType":null,"Settings":[{"Key":"disabled""#),
            Err(ActionError::NotJson(_))
        ));
        assert_eq!(parse("[]"), Err(ActionError::Shape("a label action is a JSON object".into())));
        assert_eq!(parse(r#"{"SubType":null}"#), Err(ActionError::Shape("the label action has no `Type`".into())));
        let bad_rights =
            parse(r#"{"Type":"encrypt","Settings":[{"Key":"rightsdefinitions","Value":"[{\"Identity\":"}]}"#);
        assert!(
            matches!(bad_rights, Err(ActionError::NotJson(message)) if message.starts_with("its `rightsdefinitions` setting: "))
        );
    }
}
