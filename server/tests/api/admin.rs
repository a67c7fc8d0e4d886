use serde_json::Value;

use crate::helpers::{detail, fields, spawn_app, step, QINGSHI_VILLAGE};

#[tokio::test]
async fn an_admin_creates_an_account_that_can_then_sign_in() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let response = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "wangge-longjing"),
                ("account[display_name]", "龙井村网格员"),
                ("account[role]", "village_cadre"),
                ("account[region]", "522799101202"),
                ("account[password]", "longjing-2026"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 200);
    let new_user = app.login_with("wangge-longjing", "longjing-2026").await;
    assert_eq!(new_user.queue().await.status(), 200);

    let duplicate = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "wangge-longjing"),
                ("account[display_name]", "重复"),
                ("account[role]", "village_cadre"),
                ("account[region]", "522799101202"),
                ("account[password]", "longjing-2026"),
            ]),
        )
        .await;
    assert_eq!(duplicate.status(), 422);
    let body: Value = duplicate.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "username");
}

/// `XIAN-ADMIN` beside `xian-admin`, a 200-character username, and a name with a tab, a line
/// break and a right-to-left override all went in (admin tester): each is refused or made
/// plain, and nothing is written by a refusal.
#[tokio::test]
async fn account_names_are_one_case_short_and_visible() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let create = |username: String, display_name: &'static str| {
        fields(&[
            ("account[username]", username.as_str()),
            ("account[display_name]", display_name),
            ("account[role]", "village_cadre"),
            ("account[region]", "522799101202"),
            ("account[password]", "longjing-2026"),
        ])
    };
    let accounts = || async {
        let page = admin.get_html("/staff/admin").await;
        let list = page.split(r#"<ul class="accounts">"#).nth(1).expect("list");
        list[..list.find("</ul>").expect("end")].to_owned()
    };
    let before = accounts().await;
    for (username, display_name, field) in [
        ("XIAN-ADMIN".to_owned(), "县管理员", "username"),
        ("a".repeat(200), "很长", "username"),
        (
            "cun-ok".to_owned(),
            "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长",
            "display_name",
        ),
    ] {
        let refused = admin
            .post_api("/api/admin/create", &create(username.clone(), display_name))
            .await;
        assert_eq!(refused.status(), 422, "{username}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["Validation"][0]["field"], field, "{body}");
    }
    assert!(accounts().await == before, "nothing written");
    let made = admin
        .post_api(
            "/api/admin/create",
            &create("Cun-Lishi".to_owned(), "龙井\t村\n干部\u{202E}"),
        )
        .await;
    assert_eq!(made.status(), 200);
    let page = accounts().await;
    assert!(page.contains("cun-lishi") && !page.contains("Cun-Lishi"));
    assert!(
        page.contains("龙井村干部") && !page.contains('\u{202E}'),
        "made plain"
    );
    app.login_with("cun-lishi", "longjing-2026").await;
}

#[tokio::test]
async fn only_the_admin_manages_accounts() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    let response = officer.post_api("/api/admin/accounts", &[]).await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn deactivating_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let officer = app.login("zhen-hekou").await;
    assert_eq!(officer.queue().await.status(), 200);
    admin
        .post_api(
            "/api/admin/active",
            &fields(&[("user_id", "demo-zhen-hekou"), ("active", "false")]),
        )
        .await;
    assert_eq!(officer.queue().await.status(), 401, "session revoked");
    let again = officer
        .post_api(
            "/api/auth/login",
            &fields(&[
                ("username", "zhen-hekou"),
                ("password", crate::helpers::PASSWORD),
            ]),
        )
        .await;
    assert_eq!(again.status(), 401, "a deactivated account cannot sign in");
}

#[tokio::test]
async fn a_password_reset_replaces_the_old_password_and_sessions() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let officer = app.login("zhen-qingshi").await;
    let short = admin
        .post_api(
            "/api/admin/reset",
            &fields(&[("user_id", "demo-zhen-qingshi"), ("password", "short")]),
        )
        .await;
    assert_eq!(short.status(), 422);
    admin
        .post_api(
            "/api/admin/reset",
            &fields(&[
                ("user_id", "demo-zhen-qingshi"),
                ("password", "new-password-1"),
            ]),
        )
        .await;
    assert_eq!(officer.queue().await.status(), 401);
    app.login_with("zhen-qingshi", "new-password-1").await;
    // Without JavaScript the form comes back to the page, which says it was done.
    let again = admin
        .post_plain_form(
            "/api/admin/reset",
            "/staff/admin",
            &fields(&[
                ("user_id", "demo-zhen-qingshi"),
                ("password", "new-password-2"),
            ]),
        )
        .await;
    let back = again.headers()["location"].to_str().expect("location");
    assert_eq!(
        unsigned(back),
        "/staff/admin?done=reset&who=demo-zhen-qingshi#account-demo-zhen-qingshi"
    );
    let page = admin.get_html(back).await;
    let row = account_row(&page, "demo-zhen-qingshi");
    assert!(
        row.contains("（zhen-qingshi）的密码已重设"),
        "said at the account, named: {row}"
    );
    // An account in use is not told to be turned on (officer tester).
    assert!(!row.contains("启用后才能登录"), "{row}");
    assert!(!admin.get_html("/staff/admin").await.contains("密码已重设"));
    // The mark is signed for this sign-in: a made-up link, or this one opened in another
    // sign-in, says nothing was reset (attacker re-tester).
    let made_up = unsigned(back);
    assert!(
        !admin.get_html(&made_up).await.contains("密码已重设"),
        "{made_up}"
    );
    let other = app.login("xian-admin").await;
    assert!(
        !other.get_html(back).await.contains("密码已重设"),
        "another sign-in"
    );
}

/// The timeline names people by their display name, also for accounts an admin created (whose
/// ids are random), never by account id.
#[tokio::test]
async fn the_timeline_names_an_admin_created_officer() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let created = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "zhen-liwei"),
                ("account[display_name]", "李伟"),
                ("account[role]", "township_officer"),
                ("account[region]", "522799101000"),
                ("account[password]", "liwei-2026-qingshi"),
            ]),
        )
        .await;
    assert_eq!(created.status(), 200);
    let user_id: String = created.json().await.expect("json");

    let tracking = app
        .submit_report("王芳", "13700137000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let officer = app.login_with("zhen-liwei", "liwei-2026-qingshi").await;
    let case = detail(&officer, &id).await;
    let version = case["version"].as_i64().expect("version");
    let accepted = step(&officer, &id, version, &[("kind", "accept")]).await;
    assert_eq!(accepted.status(), 200);

    let timeline = detail(&officer, &id).await["timeline"].to_string();
    assert!(timeline.contains("乡镇工作人员（李伟）"), "{timeline}");
    assert!(timeline.contains("农户本人"), "{timeline}");
    assert!(!timeline.contains(&user_id), "{timeline}");
}

#[tokio::test]
async fn the_account_list_offers_no_turning_off_of_the_signed_in_admin() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let page = admin.get_html("/staff/admin").await;
    let row = |username: &str| account_row(&page, &format!("demo-{username}")).to_owned();
    let own = row("xian-admin");
    assert!(own.contains("您本人的账号（不能停用）"), "{own}");
    assert!(
        !own.contains(">停用<"),
        "no dead-end button on one's own row: {own}"
    );
    let other = row("zhen-hekou");
    assert!(other.contains(">停用<"), "{other}");
    assert!(!other.contains("您本人的账号"), "{other}");
}

/// A village cadre's account must be for a village: given the whole county, its scope would
/// be every case in it (tester: such an account was made and saw all 21 cases).
#[tokio::test]
async fn an_account_for_a_region_of_another_level_than_its_role_is_refused() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    for (role, region) in [
        ("village_cadre", "522799000000"),
        ("township_officer", "522799101201"),
        ("county_officer", "522799101000"),
    ] {
        let refused = admin
            .post_api(
                "/api/admin/create",
                &fields(&[
                    ("account[username]", "wangge-qingshi"),
                    ("account[display_name]", "网格员"),
                    ("account[role]", role),
                    ("account[region]", region),
                    ("account[password]", "qingshi-grid-2026"),
                ]),
            )
            .await;
        assert_eq!(refused.status(), 422, "{role} {region}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["Validation"][0]["field"], "region", "{body}");
        assert_eq!(body["Validation"][0]["key"], "account.region_level");
    }
    let made: i64 = sqlx::query_scalar("select count(*) from users where username = $1")
        .bind("wangge-qingshi")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(made, 0, "no account written");
}

/// Without JavaScript a refused new account comes back on the account page with what was
/// typed, except the password, and the reason; it posts to the page itself, so the address
/// stays. Before, the form came back empty.
#[tokio::test]
async fn a_refused_new_account_without_javascript_keeps_what_was_typed_but_the_password() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let typed = fields(&[
        ("account[username]", "wangge-longjing"),
        ("account[display_name]", "龙井村网格员"),
        ("account[role]", "village_cadre"),
        ("account[region]", "522799101202"),
        ("account[password]", "short-pw"),
    ]);
    let answer = admin
        .post_plain_form("/staff/admin", "/staff/admin", &typed)
        .await;
    assert!(answer.status().is_success(), "{}", answer.status());
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let page = answer.text().await.expect("page");
    let tag = |attribute: &str| crate::helpers::tag_with(&page, attribute).to_owned();
    assert!(tag(r#"id="a-user""#).contains(r#"value="wangge-longjing""#));
    assert!(tag(r#"id="a-name""#).contains(r#"value="龙井村网格员""#));
    assert!(tag(r#"value="village_cadre""#).contains("selected"));
    assert!(tag(r#"value="522799101202""#).contains("selected"));
    assert!(!page.contains("short-pw"), "the password is not put back");
    assert!(page.contains("密码至少12个字符"), "and why");

    let mut good = typed.clone();
    good.retain(|(name, _)| name != "account[password]");
    good.push(("account[password]".into(), "longjing-2026-ok".into()));
    let made = admin
        .post_plain_form("/staff/admin", "/staff/admin", &good)
        .await;
    assert_eq!(made.status(), 303, "made: on to the page");
    let back = made.headers()["location"].to_str().expect("location");
    assert_eq!(unsigned(back), "/staff/admin?done=created");
    assert!(
        admin.get_html(back).await.contains("账号已建好"),
        "said (tester)"
    );
    // A refused reset says it was the reset that failed, not the new-account form above, and
    // says so at the account's row, naming it, with the focus there (officer re-tester).
    let reset = admin
        .post_plain_form(
            "/staff/admin?reset",
            "/staff/admin?done=created",
            &fields(&[("user_id", "demo-zhen-qingshi"), ("password", "short")]),
        )
        .await;
    assert!(reset.status().is_success(), "{}", reset.status());
    let page = reset.text().await.expect("page");
    assert!(
        page.contains("重置密码没有完成：密码至少12个字符"),
        "which form failed"
    );
    let row = account_row(&page, "demo-zhen-qingshi");
    assert!(row.contains("的密码没有重设：密码至少12个字符"), "{row}");
    assert!(row.contains("autofocus"), "{row}");
    assert!(!page.contains("\"short\""), "the password is not put back");
    // The earlier success is not said beside it.
    assert!(!page.contains("账号已建好"), "no stale success");
    let new_user = app.login_with("wangge-longjing", "longjing-2026-ok").await;
    assert_eq!(new_user.queue().await.status(), 200);
}

/// Every administrator change is in the audit chain, not only in the server's log: an
/// administrator could make an account, reset a cadre's password or redirect households'
/// calls unseen (attacker tester).
#[tokio::test]
async fn every_administrator_change_is_written_to_the_audit_chain() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let ok = |status: reqwest::StatusCode| status.is_success() || status.is_redirection();
    let created = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "wangge-shadow"),
                ("account[display_name]", "影子"),
                ("account[role]", "county_officer"),
                ("account[region]", "522799000000"),
                ("account[password]", "Zq8!shadow-pass-2026"),
            ]),
        )
        .await;
    assert!(ok(created.status()));
    let user_id: String = created.json().await.expect("the new account's id");
    let posts: [(&str, Vec<(String, String)>); 5] = [
        (
            "/api/admin/reset",
            fields(&[("user_id", &user_id), ("password", "Yq7!other-pass-2026")]),
        ),
        (
            "/api/admin/active",
            fields(&[("user_id", &user_id), ("active", "false")]),
        ),
        (
            "/api/contacts/set",
            fields(&[("region", QINGSHI_VILLAGE), ("phone", "0851-2345678")]),
        ),
        (
            "/api/settings/day",
            fields(&[
                ("day", "2026-12-24"),
                ("kind", "holiday"),
                ("name", "演示假日"),
            ]),
        ),
        (
            "/api/settings/policy",
            crate::helpers::policy_fields("2026-12-01", &[("income_line", "7400")]),
        ),
    ];
    for (path, form) in posts {
        assert!(ok(admin.post_api(path, &form).await.status()), "{path}");
    }
    let actions: Vec<(String, String, String)> =
        sqlx::query_as("select action, actor_id, detail from audit_log order by seq")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("audit rows");
    for action in [
        "account_created",
        "password_reset",
        "account_active_set",
        "contact_phone_set",
        "calendar_changed",
        "policy_changed",
    ] {
        let row = actions.iter().find(|(a, _, _)| a == action);
        let (_, actor, detail) = row.unwrap_or_else(|| panic!("{action} in {actions:?}"));
        assert_eq!(actor, "demo-xian-admin", "{action}");
        assert!(!detail.is_empty(), "{action}");
        // In Chinese, as the page's words: no role or region codes (officer tester).
        assert!(
            !detail.contains('_') && !detail.contains("52279"),
            "{action}: {detail}"
        );
    }
    let detail_of = |action: &str| {
        let row = actions.iter().find(|(a, _, _)| a == action).expect("row");
        row.2.clone()
    };
    assert!(detail_of("calendar_changed").contains("2026-12-24 放假 演示假日"));
    assert!(detail_of("policy_changed").ends_with("；自2026-12-01起执行"));
    // The audit page says what changed, as the CSV does (officer tester).
    let page = admin.get_html("/staff/audit").await;
    assert!(
        page.contains("wangge-shadow 停用"),
        "the account and what was done"
    );
    // A change is 已完成, not 已查看 as a read is (tester).
    let row = page
        .split("<tr")
        .find(|row| row.contains("wangge-shadow 停用"))
        .expect("the row");
    assert!(row.contains("已完成") && !row.contains("已查看"), "{row}");
}

/// Without JavaScript, turning an account off or on and saving or removing an office phone
/// came back to the page with nothing said (admin tester); each now says what was done, the
/// phone's beside the phones, where the page is scrolled to.
#[tokio::test]
async fn plain_posts_on_the_admin_page_say_what_was_done() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let cases = [
        (
            "/api/admin/active",
            vec![("user_id", "demo-zhen-qingshi"), ("active", "false")],
            "/staff/admin?done=turned_off&who=demo-zhen-qingshi#account-demo-zhen-qingshi",
            "（zhen-qingshi）的账号已停用",
        ),
        (
            "/api/admin/active",
            vec![("user_id", "demo-zhen-qingshi"), ("active", "true")],
            "/staff/admin?done=turned_on&who=demo-zhen-qingshi#account-demo-zhen-qingshi",
            "（zhen-qingshi）的账号已启用",
        ),
        (
            "/api/contacts/set",
            vec![("region", QINGSHI_VILLAGE), ("phone", "0851-8765432")],
            "/staff/admin?done=phone_saved&who=522799101201#c-522799101201",
            "青石村的电话已保存",
        ),
        (
            "/api/contacts/set",
            vec![("region", QINGSHI_VILLAGE), ("phone", " ")],
            "/staff/admin?done=phone_removed&who=522799101201#c-522799101201",
            "青石村的电话已删除",
        ),
    ];
    for (path, form, want, said) in cases {
        let answer = admin
            .post_plain_form(path, "/staff/admin", &fields(&form))
            .await;
        let back = answer.headers()["location"].to_str().expect("location");
        assert_eq!(unsigned(back), want);
        let page = admin.get_html(back).await;
        assert!(page.contains(said), "{path}: {said}");
        // An account's change is said in its row, where the page lands (officer tester: a
        // banner at the top named no account).
        if path == "/api/admin/active" {
            assert!(account_row(&page, "demo-zhen-qingshi").contains(said));
        }
    }
    assert!(!admin.get_html("/staff/admin").await.contains("电话已保存"));
    // A made-up link cannot say an account in use was turned off (attacker re-tester).
    let forged = admin
        .get_html("/staff/admin?done=turned_off&who=demo-xian-head#account-demo-xian-head")
        .await;
    assert!(!forged.contains("（xian-head）的账号已停用"), "not so");
    // A refused phone is said at the top too, where the page comes back (the phones' own
    // message is thousands of pixels down). It posts to the page itself and comes back with
    // the office named and the phone as typed in its row, with the focus (officer tester:
    // the row lost what was typed, and the message named no office).
    let refused = admin
        .post_plain_form(
            "/staff/admin?phone",
            "/staff/admin",
            &fields(&[("region", QINGSHI_VILLAGE), ("phone", "0851-87abc")]),
        )
        .await;
    assert!(refused.status().is_success(), "{}", refused.status());
    assert_eq!(refused.headers()["cache-control"], "no-store");
    let page = refused.text().await.expect("page");
    let top = &page[..page.find(r#"id="contacts""#).expect("the phones")];
    assert!(top.contains("联系电话没有保存："), "{top}");
    let card = &page[page.find(r#"id="contacts""#).expect("the phones")..];
    assert!(card.contains("青石村的电话没有保存："), "the office named");
    let input = crate::helpers::tag_with(&page, &format!(r#"id="c-{QINGSHI_VILLAGE}""#));
    assert!(input.contains(r#"value="0851-87abc""#), "{input}");
    assert!(
        input.contains("autofocus") && input.contains(r#"aria-invalid="true""#),
        "{input}"
    );
    let other = crate::helpers::tag_with(&page, r#"id="c-522799101202""#);
    assert!(
        !other.contains("autofocus") && !other.contains("0851-87abc"),
        "{other}"
    );
    // Saved from the page the same way: on to the phones, said.
    let saved = admin
        .post_plain_form(
            "/staff/admin?phone",
            "/staff/admin",
            &fields(&[("region", QINGSHI_VILLAGE), ("phone", "0851-8765432")]),
        )
        .await;
    assert_eq!(saved.status(), 303);
    let back = saved.headers()["location"].to_str().expect("location");
    assert_eq!(
        unsigned(back),
        format!("/staff/admin?done=phone_saved&who={QINGSHI_VILLAGE}#c-{QINGSHI_VILLAGE}")
    );
    // Said in the office's row, naming it (it was said at the top of the phones).
    let page = admin.get_html(back).await;
    let row = &page[page
        .find(&format!(r#"id="c-{QINGSHI_VILLAGE}""#))
        .expect("the row")..];
    let row = &row[..row.find("</tr>").expect("its end")];
    assert!(row.contains("青石村的电话已保存"), "{row}");
}

/// The admin page's row of the account `id`.
fn account_row<'a>(page: &'a str, id: &str) -> &'a str {
    let row = &page[page
        .find(&format!(r#"id="account-{id}""#))
        .unwrap_or_else(|| panic!("no row for {id}"))..];
    &row[..row.find("</li>").expect("the row's end")]
}

/// `address` without its `__sig=` (which it must carry): the page's marks are signed.
pub(crate) fn unsigned(address: &str) -> String {
    let (before, rest) = address.split_once("&__sig=").expect("a signed mark");
    let end = rest.find('#').unwrap_or(rest.len());
    assert_eq!(end, 32, "a 128-bit signature: {address}");
    format!("{before}{}", &rest[end..])
}
