//! The emulated `POST /oauth/token` endpoint (Server-to-Server OAuth).
//!
//! Zoom takes the client ID and secret as HTTP Basic auth and `grant_type`/`account_id` in the
//! form body (the query string is accepted too, as Zoom did for years), and answers errors with
//! `{"reason", "error"}`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;
use tokio::time::Instant;
use tracing::{info, warn};

/// Handles one token request; the `Date` header follows --clock-skew.
pub async fn token(
    State(state): State<Arc<super::State>>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let skew = state.scenario.clock_skew;
    let mut response = answer(state, uri, headers, body).await;
    if skew != super::Skew::default() {
        let date = httpdate::fmt_http_date(skew.now());
        if let Ok(value) = header::HeaderValue::from_str(&date) {
            response.headers_mut().insert(header::DATE, value);
        }
    }
    response
}

async fn answer(state: Arc<super::State>, uri: Uri, headers: HeaderMap, body: String) -> Response {
    let scenario = &state.scenario;

    let request = state.token_requests.fetch_add(1, Ordering::Relaxed);
    if request < scenario.hang_token {
        warn!(
            "leaving token request {} unanswered (--hang-token)",
            request + 1
        );
        return std::future::pending().await;
    }
    let request = request - scenario.hang_token;
    if request < scenario.fail_token {
        warn!(
            "failing token request {} with HTTP {} (--fail-token)",
            request + 1,
            scenario.fail_status
        );
        return injected_failure(scenario.fail_status, scenario.retry_after);
    }

    let params = params(uri.query().unwrap_or(""), &body);
    if let Err((reason, error)) = check(scenario, &headers, &params) {
        warn!("refused a token request: {reason}");
        let body = Json(json!({ "reason": reason, "error": error }));
        return (StatusCode::BAD_REQUEST, body).into_response();
    }

    let token = new_token();
    let expires = Instant::now() + scenario.token_ttl;
    {
        let mut tokens = state.tokens.lock().expect("token table lock");
        if scenario.token_policy == super::TokenPolicy::Single && !tokens.is_empty() {
            tokens.clear();
            state.revocations.send_modify(|n| *n += 1);
            info!("revoked the older tokens (--token-policy single)");
        }
        tokens.insert(token.clone(), expires);
    }
    info!(
        "issued an access token valid for {}s",
        scenario.token_ttl.as_secs()
    );

    Json(json!({
        "access_token": token,
        "token_type": "bearer",
        "expires_in": scenario.token_ttl.as_secs(),
        "scope": "marketplace:read:list_event_subscriptions",
        "api_url": "https://api.zoom.us",
    }))
    .into_response()
}

/// Query and form parameters together; the body wins over the query.
fn params(query: &str, body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .chain(url::form_urlencoded::parse(body.as_bytes()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Checks credentials and grant the way Zoom does; the error is Zoom's `(reason, error)`.
fn check(
    scenario: &super::Scenario,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> Result<(), (&'static str, &'static str)> {
    let (id, secret) = basic_auth(headers).unwrap_or_default();
    if id != scenario.client_id || secret != scenario.client_secret {
        return Err(("Invalid client_id or client_secret", "invalid_client"));
    }

    match params.get("grant_type").map(String::as_str) {
        Some("account_credentials") => {}
        Some("client_credentials") => return Ok(()),
        _ => return Err(("unsupported grant type", "unsupported_grant_type")),
    }

    if params.get("account_id") != Some(&scenario.account_id) {
        return Err(("Invalid account_id", "invalid_request"));
    }
    Ok(())
}

/// The `(client id, secret)` from an `Authorization: Basic` header.
fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn injected_failure(status: u16, retry_after: u64) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status == StatusCode::TOO_MANY_REQUESTS {
        let body = json!({"code": 429, "message":
            "You have reached the maximum per-second rate limit for this API. Try again later."});
        return (
            status,
            [(header::RETRY_AFTER, retry_after.to_string())],
            Json(body),
        )
            .into_response();
    }
    (
        status,
        Json(json!({ "reason": "Internal Error", "error": "server_error" })),
    )
        .into_response()
}

/// A token shaped like Zoom's (they begin with `eyJ`), random enough to be unguessable here.
fn new_token() -> String {
    let random: String = (0..48).map(|_| fastrand::alphanumeric()).collect();
    format!("eyJzdiI6Im1vY2sifQ.{random}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_params_win_over_the_query() {
        let p = params(
            "grant_type=x&account_id=q",
            "grant_type=account_credentials",
        );
        assert_eq!(p["grant_type"], "account_credentials");
        assert_eq!(p["account_id"], "q");
    }

    #[test]
    fn clock_skew_takes_a_sign() {
        let behind = super::super::parse_skew("-5m").unwrap();
        assert!(behind.behind);
        assert_eq!(behind.amount.as_secs(), 300);
        let ahead = super::super::parse_skew("+2s").unwrap();
        assert!(!ahead.behind && ahead.amount.as_secs() == 2);
        assert!(super::super::parse_skew("soon").is_err());
    }

    /// The default scenario, as `zoomws mock` without options has it.
    fn scenario() -> super::super::Scenario {
        use clap::Parser;
        match crate::cli::Cli::try_parse_from(["zoomws", "mock"])
            .unwrap()
            .command
        {
            crate::cli::Command::Mock(args) => args.scenario,
            _ => unreachable!("parsed as mock"),
        }
    }

    fn basic(id: &str, secret: &str) -> HeaderMap {
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            format!("Basic {encoded}").parse().unwrap(),
        );
        headers
    }

    #[test]
    fn token_requests_are_checked_as_zoom_checks_them() {
        let scenario = scenario();
        let good = basic(&scenario.client_id, &scenario.client_secret);
        let form = |body: &str| params("", body);
        let account = format!(
            "grant_type=account_credentials&account_id={}",
            scenario.account_id
        );

        assert_eq!(check(&scenario, &good, &form(&account)), Ok(()));
        let wrong_secret = basic(&scenario.client_id, "nope");
        assert_eq!(
            check(&scenario, &wrong_secret, &form(&account)),
            Err(("Invalid client_id or client_secret", "invalid_client"))
        );
        assert_eq!(
            check(&scenario, &HeaderMap::new(), &form(&account)),
            Err(("Invalid client_id or client_secret", "invalid_client"))
        );
        assert_eq!(
            check(&scenario, &good, &form("grant_type=password")),
            Err(("unsupported grant type", "unsupported_grant_type"))
        );
        assert_eq!(
            check(
                &scenario,
                &good,
                &form("grant_type=account_credentials&account_id=other")
            ),
            Err(("Invalid account_id", "invalid_request"))
        );
    }

    #[test]
    fn basic_auth_is_decoded() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            "Basic aWQ6czNjOnJldA==".parse().unwrap(),
        );
        assert_eq!(basic_auth(&headers), Some(("id".into(), "s3c:ret".into())));
        headers.insert(header::AUTHORIZATION, "Bearer x".parse().unwrap());
        assert_eq!(basic_auth(&headers), None);
    }
}
