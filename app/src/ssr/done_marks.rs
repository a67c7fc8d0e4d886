//! The `?done=` mark on the case page a step goes on to: `<step>.<signature>`, signed with
//! the form-key secret for that case, step and sign-in. The page says "已办理" only for a
//! mark this server made for the session that took the step, so neither a link someone made
//! up nor one a colleague forwarded announces a step they did not take.
use hmac::Hmac;
use sha2::Sha256;

use super::{error::ServiceError, form_keys, state::AppState};
use crate::domain::case::CommandKind;

/// Bytes of the signature kept in the address (128 bits).
const TAG_BYTES: usize = 16;

fn mac(
    secret: &[u8],
    case_id: &str,
    step: &str,
    session: &str,
) -> Result<Hmac<Sha256>, ServiceError> {
    form_keys::keyed(secret, &format!("done:v2:{case_id}:{step}:{session}"))
}

/// The mark for `step`, just taken on `case_id` by the holder of `session` (its token).
pub async fn sign(
    state: &AppState,
    case_id: &str,
    step: CommandKind,
    session: &str,
) -> Result<String, ServiceError> {
    let mac = mac(
        &form_keys::secret(state).await?,
        case_id,
        step.code(),
        session,
    )?;
    Ok(format!(
        "{}.{}",
        step.code(),
        form_keys::short_tag(mac, TAG_BYTES)
    ))
}

/// The step a mark names, if this server signed it for `case_id` and `session`; `None` for
/// anything else.
pub async fn verify(
    state: &AppState,
    case_id: &str,
    mark: &str,
    session: &str,
) -> Result<Option<CommandKind>, ServiceError> {
    let Some((code, tag)) = mark.split_once('.') else {
        return Ok(None);
    };
    let Some(step) = CommandKind::from_code(code) else {
        return Ok(None);
    };
    let mac = mac(&form_keys::secret(state).await?, case_id, code, session)?;
    Ok(form_keys::short_tag_holds(mac, tag, TAG_BYTES).then_some(step))
}
