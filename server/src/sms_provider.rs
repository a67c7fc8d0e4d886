//! `SMS_PROVIDER`: which API household text messages go through. `relay` (the default) is our
//! own JSON call to `SMS_GATEWAY_URL`; `aliyun` calls Aliyun SMS `SendSms` directly with the
//! county's AccessKey, signature name and one approved template code per message kind.
use app::{domain::wording::sms_templates::TEMPLATE_KEYS, ssr::services::outbox::AliyunSms};

use crate::env::{secret_var, ConfigError};

const ALIYUN_ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

/// The Aliyun settings when `SMS_PROVIDER=aliyun`; `None` for the relay.
pub fn aliyun_from_env() -> Result<Option<AliyunSms>, ConfigError> {
    match var("SMS_PROVIDER").as_deref() {
        None | Some("relay") => return Ok(None),
        Some("aliyun") => {}
        Some(other) => {
            return Err(ConfigError::Invalid {
                name: "SMS_PROVIDER",
                value: format!("{other:?}: use relay or aliyun"),
            })
        }
    }
    let required = |name: &'static str, value: Option<String>| {
        value.ok_or(ConfigError::Invalid {
            name,
            value: "required with SMS_PROVIDER=aliyun".into(),
        })
    };
    let templates = TEMPLATE_KEYS
        .iter()
        .map(|key| {
            let name: &'static str = match *key {
                "identified" => "SMS_TEMPLATE_IDENTIFIED",
                "not_identified" => "SMS_TEMPLATE_NOT_IDENTIFIED",
                "not_accepted" => "SMS_TEMPLATE_NOT_ACCEPTED",
                "eliminated" => "SMS_TEMPLATE_ELIMINATED",
                _ => "SMS_TEMPLATE_TRACKING_NUMBER",
            };
            Ok(((*key).to_owned(), required(name, var(name))?))
        })
        .collect::<Result<Vec<_>, ConfigError>>()?;
    Ok(Some(AliyunSms {
        endpoint: secret_var("SMS_GATEWAY_URL")?
            .map(|url| url.expose().to_owned())
            .unwrap_or_else(|| ALIYUN_ENDPOINT.to_owned()),
        access_key_id: required("ALIYUN_ACCESS_KEY_ID", var("ALIYUN_ACCESS_KEY_ID"))?,
        access_key_secret: required(
            "ALIYUN_ACCESS_KEY_SECRET",
            secret_var("ALIYUN_ACCESS_KEY_SECRET")?.map(|s| s.expose().to_owned()),
        )?,
        sign_name: var("SMS_SIGN_NAME")
            .unwrap_or_else(|| app::domain::wording::sms_templates::SIGN_NAME.to_owned()),
        templates,
    }))
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
