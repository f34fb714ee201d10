//! The `[fetch]` and `[feeds."URL or title"]` tables of the config file.

use std::time::Duration;

use serde::Deserialize;

use crate::feed::FullText;
use crate::net::Limits;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FetchConfig {
    /// Seconds a request may take, body included.
    pub timeout: f64,
    /// Seconds to connect.
    pub connect_timeout: f64,
    /// Megabytes a response may hold, after decompression.
    pub max_size_mb: f64,
    /// Feeds fetched at once.
    pub jobs: usize,
    /// Every feed's default: auto, always or never.
    pub full_text: FullText,
}

impl Default for FetchConfig {
    fn default() -> Self {
        let limits = Limits::default();
        FetchConfig {
            timeout: limits.timeout.as_secs_f64(),
            connect_timeout: limits.connect_timeout.as_secs_f64(),
            max_size_mb: (limits.max_bytes / (1024 * 1024)) as f64,
            jobs: 6,
            full_text: FullText::Auto,
        }
    }
}

impl FetchConfig {
    pub fn limits(&self) -> Limits {
        let seconds = |s: f64| Duration::from_secs_f64(if s.is_finite() { s.clamp(0.05, 3600.0) } else { 30.0 });
        Limits {
            timeout: seconds(self.timeout),
            connect_timeout: seconds(self.connect_timeout),
            max_bytes: (self.max_size_mb.clamp(0.001, 4096.0) * 1024.0 * 1024.0) as u64,
            ..Limits::default()
        }
    }
}

/// One feed's settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    pub full_text: Option<FullText>,
}
