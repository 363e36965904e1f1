//! `m365lint.toml`: the parameters policies read as `data.m365lint.params`.

mod parameters;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

pub use parameters::{Parameters, Platform, ThreatLevel, Workload};

use crate::diagnostics::SourceTree;
use crate::model::{Problem, SourceFile};

/// The file name m365lint looks for in the working directory.
pub const CONFIG_FILE: &str = "m365lint.toml";

/// A loaded configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub parameters: Parameters,
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    parameters: Parameters,
}

impl Config {
    /// `--config FILE` when given (it must exist), else `m365lint.toml` in the working
    /// directory when present, else the defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, Problem> {
        match explicit {
            Some(path) => Config::load(path),
            None => {
                let path = Path::new(CONFIG_FILE);
                if path.is_file() { Config::load(path) } else { Ok(Config::default()) }
            }
        }
    }

    pub fn load(path: &Path) -> Result<Config, Problem> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| Problem {
            code: "m365lint::config::unreadable".into(),
            message: format!("cannot read {display}: {error}"),
            help: None,
            file: Some(display.clone()),
            location: None,
            label: None,
        })?;
        let source = Arc::new(SourceFile { path: display, text });
        let file: ConfigFile = toml::from_str(&source.text).map_err(|error| config_problem(&source, &error))?;
        file.parameters.validate().map_err(|message| Problem {
            code: "m365lint::config::invalid".into(),
            message: format!("{}: {message}", source.path),
            help: None,
            file: Some(source.path.clone()),
            location: None,
            label: None,
        })?;
        Ok(Config { parameters: file.parameters, path: Some(path.to_path_buf()) })
    }
}

fn config_problem(source: &Arc<SourceFile>, error: &toml::de::Error) -> Problem {
    let message = error.message().to_owned();
    let location = error
        .span()
        .map(|span| SourceTree::location_at_offset(source, span.start, span.end.saturating_sub(span.start).max(1)));
    Problem {
        code: "m365lint::config::invalid".into(),
        message: match &location {
            Some(location) => format!("{}:{}:{}: {message}", source.path, location.line, location.column),
            None => format!("{}: {message}", source.path),
        },
        help: Some(
            "see the configuration reference in the README, or run `m365lint init` for a commented template".into(),
        ),
        file: Some(source.path.clone()),
        location,
        label: Some(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Problem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, text).unwrap();
        Config::load(&path)
    }

    #[test]
    fn reads_parameters_over_defaults() {
        let config = load("[parameters.emergency_access]\nusers = [\"bg1@contoso.com\"]\n[parameters]\nadmin_sign_in_frequency_hours = 2\n").unwrap();
        assert_eq!(config.parameters.emergency_access.users, vec!["bg1@contoso.com"]);
        assert_eq!(config.parameters.admin_sign_in_frequency_hours, 2);
        assert_eq!(config.parameters.min_password_length.desktop, 8);
    }

    #[test]
    fn unknown_parameters_point_into_the_file() {
        let problem = load("[parameters]\nemergency_acess = {}\n").unwrap_err();
        let location = problem.location.unwrap();
        assert_eq!((location.line, location.column), (2, 1));
        assert!(problem.message.contains("emergency_acess"), "{}", problem.message);
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        let problem = load("[parameters]\nadmin_sign_in_frequency_hours = \"four\"\n").unwrap_err();
        assert_eq!(problem.location.unwrap().line, 2);
    }
}
