//! `EXOIRMConfiguration`, `EXOOMEConfiguration`, `EXOTransportRule` and `SCSensitivityLabel`.
//! Their parameters are the cmdlet parameter names, so most map by name. Differences from the
//! cmdlet export:
//! - the OME configuration has the parameter `ExternalMailExpiryInDays` (the cmdlet output
//!   has a TimeSpan instead);
//! - the transport rule says `Enabled` (boolean) where the cmdlet output says `State`;
//! - the label is flattened: `EncryptionEnabled` says whether it encrypts. Its label actions
//!   are not rebuilt: the flattened parameters do not say how the JSON strings of `Get-Label`
//!   spelled them, so `labelActions` stays absent.

use serde_json::Value;

use super::resource::Resource;
use crate::ingest::export::Item;
use crate::ingest::schema::Kind;
use crate::ingest::schema::encryption::{IRM, LABEL, OME, TRANSPORT_RULE};

pub fn irm(mut resource: Resource<'_>) -> Item {
    resource.map_fields(&IRM);
    resource.finish(&IRM)
}

pub fn ome(mut resource: Resource<'_>) -> Item {
    if let Some((pointer, value)) = resource.read("ExternalMailExpiryInDays", &Kind::Integer) {
        resource.put(&["externalMailExpiryInDays"], value, pointer, Some(Kind::Integer));
    }
    resource.map_fields(&OME);
    resource.finish(&OME)
}

pub fn transport_rule(mut resource: Resource<'_>) -> Item {
    if let Some((pointer, enabled)) = resource.read("Enabled", &Kind::Boolean) {
        let state = match enabled {
            Value::Bool(true) => Value::from("Enabled"),
            Value::Bool(false) => Value::from("Disabled"),
            _ => Value::Null,
        };
        resource.put(&["state"], state, pointer, None);
    }
    resource.map_fields(&TRANSPORT_RULE);
    resource.finish(&TRANSPORT_RULE)
}

pub fn label(mut resource: Resource<'_>) -> Item {
    if let Some((pointer, value)) = resource.read("EncryptionEnabled", &Kind::Boolean) {
        resource.put(&["encryptionEnabled"], value, pointer, Some(Kind::Boolean));
    }
    resource.map_fields(&LABEL);
    resource.finish(&LABEL)
}
