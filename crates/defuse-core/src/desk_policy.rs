//! Everything the case workflow reads from the settings, in one value: service levels and the
//! business calendar (the triage [`Policy`]), the workflow settings [F1, T2], the alert
//! thresholds and the community rules [M3]. Built once from [`DeskSettings`] (the application adds its alert routes) and handed to every
//! path that changes a case — ingestion as much as a person's action — so that no path works
//! from defaults while another works from `defuse.toml`.

use crate::settings::{
    AlertSettings, CommunityRule, DeskSettings, SettingsError, WorkflowSettings,
};
use crate::triage::Policy;

/// Everything the workflow reads from the settings.
#[derive(Debug, Clone)]
pub struct DeskPolicy {
    pub policy: Policy,
    pub workflow: WorkflowSettings,
    pub alerts: AlertSettings,
    pub rules: Vec<CommunityRule>,
}

impl DeskPolicy {
    pub fn from_settings(s: &DeskSettings) -> Result<DeskPolicy, SettingsError> {
        Ok(DeskPolicy {
            policy: s.policy()?,
            workflow: s.workflow.clone(),
            alerts: s.alerts.clone(),
            rules: s.community_rules.clone(),
        })
    }
}

impl Default for DeskPolicy {
    fn default() -> Self {
        DeskPolicy::from_settings(&DeskSettings::default()).unwrap_or(DeskPolicy {
            policy: Policy::default(),
            workflow: WorkflowSettings::default(),
            alerts: AlertSettings::default(),
            rules: Vec::new(),
        })
    }
}
