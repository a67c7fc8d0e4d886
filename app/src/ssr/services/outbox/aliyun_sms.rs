//! Household text messages straight to Aliyun SMS (`dysmsapi` `SendSms`, API version
//! 2017-05-25), for `SMS_PROVIDER=aliyun`: each rendered text is matched to its approved
//! template (`domain::wording::sms_templates`) and sent as template code and variables, signed
//! with the county's AccessKey by Aliyun's RPC signature (HMAC-SHA1 over the sorted,
//! percent-encoded parameters). The AccessKey secret never travels.
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

use super::transport::{SendFuture, SmsError, SmsGateway, SEND_TIMEOUT};
use crate::domain::wording::sms_templates::template_of;

/// What a county configures for Aliyun SMS.
#[derive(Clone)]
pub struct AliyunSms {
    /// `https://dysmsapi.aliyuncs.com/` (a loopback stub in tests).
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    /// The approved signature, without 【】.
    pub sign_name: String,
    /// Template code (`SMS_…`) per template key (`identified`, `not_identified`, …).
    pub templates: Vec<(String, String)>,
}

impl std::fmt::Debug for AliyunSms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AliyunSms")
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"[redacted]")
            .field("sign_name", &self.sign_name)
            .field("templates", &self.templates)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct AliyunSmsGateway {
    client: reqwest::Client,
    config: AliyunSms,
}

impl AliyunSmsGateway {
    pub fn new(config: AliyunSms, extra_ca_pem: Option<&[u8]>) -> Result<Self, SmsError> {
        let mut builder = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .use_rustls_tls();
        if let Some(pem) = extra_ca_pem {
            let ca = reqwest::Certificate::from_pem(pem).map_err(SmsError::Http)?;
            builder = builder.add_root_certificate(ca);
        }
        Ok(AliyunSmsGateway {
            client: builder.build().map_err(SmsError::Http)?,
            config,
        })
    }

    /// The request parameters for one message, signed (`Signature` last).
    fn params(
        &self,
        to: &str,
        text: &str,
        timestamp: &str,
        nonce: &str,
    ) -> Result<Vec<(String, String)>, SmsError> {
        let template = template_of(text).ok_or(SmsError::NoTemplate)?;
        let code = self
            .config
            .templates
            .iter()
            .find(|(key, _)| key == template.key)
            .map(|(_, code)| code.clone())
            .ok_or(SmsError::NoTemplate)?;
        let variables: serde_json::Map<String, serde_json::Value> = template
            .params
            .into_iter()
            .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
            .collect();
        let mut params: Vec<(String, String)> = [
            ("AccessKeyId", self.config.access_key_id.as_str()),
            ("Action", "SendSms"),
            ("Format", "JSON"),
            ("PhoneNumbers", to),
            ("RegionId", "cn-hangzhou"),
            ("SignName", self.config.sign_name.as_str()),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", nonce),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", code.as_str()),
            ("Timestamp", timestamp),
            ("Version", "2017-05-25"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        params.push((
            "TemplateParam".to_owned(),
            serde_json::Value::Object(variables).to_string(),
        ));
        let signature = rpc_signature(&self.config.access_key_secret, "POST", &params);
        params.push(("Signature".to_owned(), signature));
        Ok(params)
    }
}

/// Aliyun's percent-encoding: RFC 3986 unreserved characters kept, every other UTF-8 byte
/// as upper-case `%XX` (so a space is `%20`, `*` is `%2A`, `~` stays).
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The RPC signature of `params` (without `Signature`): Base64 of HMAC-SHA1 under
/// `"<secret>&"` of `"<METHOD>&%2F&" + encode(sorted "k=v" pairs joined by "&")`.
pub fn rpc_signature(secret: &str, method: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "Signature").collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let to_sign = format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(&canonical)
    );
    let mut mac = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("HMAC takes any key length");
    mac.update(to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

impl SmsGateway for AliyunSmsGateway {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a, SmsError> {
        Box::pin(async move {
            let timestamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let mut nonce = [0u8; 16];
            rand::thread_rng().fill_bytes(&mut nonce);
            let params = self.params(to, text, &timestamp, &hex::encode(nonce))?;
            let body = params
                .iter()
                .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            let response = self
                .client
                .post(&self.config.endpoint)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body)
                .send()
                .await
                .map_err(SmsError::Http)?;
            let status = response.status();
            if !status.is_success() {
                return Err(SmsError::Status(status.as_u16()));
            }
            let answer: serde_json::Value = response.json().await.map_err(SmsError::Http)?;
            match answer.get("Code").and_then(|c| c.as_str()) {
                Some("OK") => Ok(()),
                code => Err(SmsError::Refused(code.unwrap_or("no code").to_owned())),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_matches_aliyuns_documented_example() {
        // The worked example of Aliyun's RPC signature documentation (secret "testsecret").
        let params: Vec<(String, String)> = [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(
            rpc_signature("testsecret", "GET", &params),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn aliyun_percent_encoding_differs_from_form_encoding() {
        assert_eq!(percent_encode("a b*c~"), "a%20b%2Ac~");
        assert_eq!(percent_encode("防"), "%E9%98%B2");
    }
}
