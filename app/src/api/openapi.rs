//! The OpenAPI 3.1 document of the JSON API (`/api/openapi.json`), built from the server
//! functions' own paths and the wire types' schemas (`utoipa::ToSchema`, derived on the
//! server build only, so the WASM does not grow). Every registered server function must have
//! an entry here: `server/tests/api/openapi.rs` compares with the server function registry.
use leptos::server_fn::ServerFn;
use utoipa::{
    openapi::{
        content::Content,
        path::{
            HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem, PathsBuilder,
        },
        request_body::RequestBodyBuilder,
        response::ResponseBuilder,
        schema::{ComponentsBuilder, ObjectBuilder, OneOfBuilder, Schema},
        security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
        },
        InfoBuilder, OpenApi, OpenApiBuilder, RefOr, Required,
    },
    ToSchema,
};

use super::{
    admin::*, alerts::*, audit::*, auth::*, campaigns::*, cases::*, contacts::*, dashboard::*,
    department_keys::*, inbox::*, notice::*, queue::*, regions::*, reports::*, settings::*,
};
use crate::{
    domain::{
        account::NewAccountForm, case::policy_form::PolicyForm, case::CommandForm,
        queue_query::QueueFilter, report::ReportForm,
    },
    ssr::bearer::KeyRefusalBody,
    wire::{
        admin::{AccountView, DeadLetterView},
        alerts::{AlertOutcome, AlertRow},
        audit::{AuditFilterForm, AuditPageView},
        auth::StaffInfo,
        campaigns::CampaignReport,
        cases::{CaseView, Choice, DuplicateView},
        contacts::RegionContactView,
        dashboard::DashboardView,
        department_keys::{AlertFeedback, IssuedKey, KeysPage as KeysPageView, NewKeyForm},
        error_body::ErrorBody,
        inbox::NotificationView,
        notice::NoticeView,
        queue::QueueView,
        regions::{ScopedRegions, TownshipOption},
        reports::{ReportDraft, SubmissionInfo, TrackResult},
        settings::SettingsView,
        AppError,
    },
};

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// Anyone (households): no sign-in.
    Public,
    /// A signed-in member of staff (`sn_session` cookie).
    Staff,
    /// A department liaison's session or a department API key (`Authorization: Bearer`).
    Department,
}

/// How a route's arguments travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// `application/x-www-form-urlencoded`; nested fields as `form[name]`, lists as `name[0]`.
    Form,
    /// `application/json`: one object whose keys are the arguments.
    Json,
    /// Query string of a `GET`.
    Query,
}

/// One argument: its name, whether it may be left out, and its schema.
struct Arg {
    name: &'static str,
    required: bool,
    schema: RefOr<Schema>,
}

/// The document being built, with every schema the routes refer to.
struct Doc {
    paths: PathsBuilder,
    schemas: Vec<(String, RefOr<Schema>)>,
}

impl Doc {
    fn schema<T: ToSchema>(&mut self) -> RefOr<Schema> {
        T::schemas(&mut self.schemas);
        T::schema()
    }

    fn arg<T: ToSchema>(&mut self, name: &'static str) -> Arg {
        Arg {
            name,
            required: true,
            schema: self.schema::<T>(),
        }
    }

    /// An argument that may be left out (`Option` or `#[server(default)]`).
    fn opt<T: ToSchema>(&mut self, name: &'static str) -> Arg {
        Arg {
            required: false,
            ..self.arg::<T>(name)
        }
    }

    /// Adds the route of server function `F`, answering `Out`.
    fn route<F: ServerFn, Out: ToSchema>(
        &mut self,
        body: Body,
        caller: Caller,
        summary: &str,
        args: Vec<Arg>,
    ) {
        let answer = self.schema::<Out>();
        // The site's scripts (`Accept: application/json`) read the typed `AppError`; other
        // callers get `ErrorBody` (server/src/error_body.rs).
        let typed = self.schema::<AppError>();
        let plain = self.schema::<ErrorBody>();
        let errors: RefOr<Schema> = RefOr::T(Schema::OneOf(
            OneOfBuilder::new().item(typed).item(plain).build(),
        ));
        let mut op = OperationBuilder::new()
            .operation_id(Some(F::PATH.trim_start_matches("/api/").replace('/', "_")))
            .tag(
                F::PATH
                    .trim_start_matches("/api/")
                    .split('/')
                    .next()
                    .unwrap_or("api"),
            )
            .summary(Some(summary))
            .response(
                "200",
                ResponseBuilder::new()
                    .description("OK")
                    .content("application/json", Content::new(Some(answer))),
            )
            .response(
                "default",
                ResponseBuilder::new()
                    .description(
                        "An error (422 validation or refusal, 401, 403, 404, 409, 429, 500): the \
                         typed `AppError` when the caller asks for `application/json`, otherwise \
                         `ErrorBody` (a stable code and a sentence in the request's language)",
                    )
                    .content("application/json", Content::new(Some(errors))),
            );
        if caller == Caller::Department {
            let refusal = self.schema::<KeyRefusalBody>();
            op = op.response(
                "401",
                ResponseBuilder::new()
                    .description("Unknown, revoked or malformed department key")
                    .content("application/json", Content::new(Some(refusal))),
            );
        }
        op = match caller {
            Caller::Public => op,
            Caller::Staff => op.security(session()),
            Caller::Department => op.security(session()).security(SecurityRequirement::new(
                "department_key",
                Vec::<String>::new(),
            )),
        };
        let method = match body {
            Body::Query => HttpMethod::Get,
            Body::Form | Body::Json => HttpMethod::Post,
        };
        if body == Body::Query {
            for arg in args {
                op = op.parameter(
                    ParameterBuilder::new()
                        .name(arg.name)
                        .parameter_in(ParameterIn::Query)
                        .required(required(arg.required))
                        .schema(Some(arg.schema)),
                );
            }
        } else {
            let mut object = ObjectBuilder::new();
            for arg in args {
                if arg.required {
                    object = object.required(arg.name);
                }
                object = object.property(arg.name, arg.schema);
            }
            let mime = match body {
                Body::Json => "application/json",
                Body::Form | Body::Query => "application/x-www-form-urlencoded",
            };
            let request = RequestBodyBuilder::new()
                .required(Some(Required::True))
                .content(mime, Content::new(Some(object)))
                .build();
            op = op.request_body(Some(request));
        }
        let paths = std::mem::take(&mut self.paths);
        self.paths = paths.path(F::PATH, PathItem::new(method, op));
    }
}

fn session() -> SecurityRequirement {
    SecurityRequirement::new("staff_session", Vec::<String>::new())
}

fn required(yes: bool) -> Required {
    if yes {
        Required::True
    } else {
        Required::False
    }
}

/// The whole JSON API.
pub fn document() -> OpenApi {
    use Body::{Form, Json, Query};
    use Caller::{Department, Public, Staff};
    let mut d = Doc {
        paths: PathsBuilder::new(),
        schemas: Vec::new(),
    };
    // Households.
    let args = vec![d.arg::<ReportForm>("form")];
    d.route::<SubmitReport, String>(
        Form,
        Public,
        "File a report for one's own household; answers the tracking number",
        args,
    );
    let args = vec![d.arg::<String>("token")];
    d.route::<LoadReportDraft, Option<ReportDraft>>(
        Form,
        Public,
        "A report form kept after a plain form post with problems",
        args,
    );
    let args = vec![
        d.arg::<String>("tracking"),
        d.opt::<String>("t"),
        d.opt::<String>("mobile"),
    ];
    d.route::<GetSubmissionInfo, SubmissionInfo>(
        Form,
        Public,
        "The confirmation page of a filing",
        args,
    );
    d.route::<HouseholdPromises, Vec<String>>(
        Form,
        Public,
        "What the household is promised (deadlines)",
        vec![],
    );
    let args = vec![
        d.arg::<String>("tracking"),
        d.arg::<String>("mobile"),
        d.opt::<String>("id_number"),
    ];
    d.route::<TrackReport, TrackResult>(
        Form,
        Public,
        "Progress of a filing by tracking number and mobile (or, when the mobile changed, the ID number)",
        args,
    );
    let args = vec![d.arg::<String>("n"), d.arg::<String>("t")];
    d.route::<TrackedReport, TrackResult>(
        Form,
        Public,
        "Progress of a filing from a signed link",
        args,
    );
    d.route::<NewReportKey, String>(
        Form,
        Public,
        "A fresh idempotency key for the report form",
        vec![],
    );
    let args = vec![d.arg::<String>("mobile")];
    d.route::<ResendTracking, ()>(
        Form,
        Public,
        "Send the tracking numbers of a mobile again by SMS",
        args,
    );
    d.route::<RegionTree, Vec<TownshipOption>>(
        Form,
        Public,
        "Townships and villages, for pickers",
        vec![],
    );
    d.route::<MyRegions, ScopedRegions>(
        Form,
        Staff,
        "The officer's own region and the townships and villages inside it",
        vec![],
    );
    let args = vec![d.arg::<String>("village")];
    d.route::<VillageNotice, NoticeView>(Form, Public, "A village's public notice (公示)", args);
    // Staff.
    let args = vec![d.arg::<String>("username"), d.arg::<String>("password")];
    d.route::<Login, ()>(Form, Public, "Sign in (sets the sn_session cookie)", args);
    d.route::<Logout, ()>(Form, Staff, "Sign out", vec![]);
    d.route::<CurrentStaff, Option<StaffInfo>>(
        Form,
        Public,
        "The signed-in member of staff, if any",
        vec![],
    );
    let args = vec![
        d.opt::<Option<String>>("tab"),
        d.opt::<Option<String>>("q"),
        d.opt::<QueueFilter>("filter"),
        d.opt::<Option<String>>("after"),
        d.opt::<Option<String>>("s"),
    ];
    d.route::<MyQueue, QueueView>(Form, Staff, "The officer's queue (待办), one page", args);
    let args = vec![
        d.opt::<String>("tab"),
        d.opt::<String>("q"),
        d.opt::<QueueFilter>("filter"),
    ];
    d.route::<SearchQueue, ()>(
        Form,
        Staff,
        "The queue's search form: goes on to the queue with the search sealed (s=)",
        args,
    );
    let args = vec![d.arg::<String>("case_id")];
    d.route::<CaseDetail, CaseView>(
        Form,
        Staff,
        "One case as the officer may see it (audited)",
        args,
    );
    let args = vec![
        d.arg::<String>("case_id"),
        d.opt::<String>("reason"),
        d.opt::<String>("reason_text"),
    ];
    d.route::<RevealIdNumber, String>(
        Form,
        Staff,
        "The full ID number, for a reason (audited)",
        args,
    );
    let args = vec![
        d.arg::<String>("case_id"),
        d.arg::<i64>("version"),
        d.arg::<CommandForm>("form"),
    ];
    d.route::<RunCaseCommand, i64>(
        Form,
        Staff,
        "Take one step on a case; answers the new version",
        args,
    );
    let args = vec![d.arg::<ReportForm>("form"), d.arg::<String>("channel")];
    d.route::<SubmitProxyReport, String>(Form, Staff, "File for someone else (代为申报)", args);
    let args = vec![d.arg::<String>("id_number"), d.arg::<String>("mobile")];
    d.route::<CheckDuplicates, Vec<DuplicateView>>(
        Form,
        Staff,
        "Earlier filings of the same household (audited)",
        args,
    );
    d.route::<MyProxyChannels, Vec<Choice>>(
        Form,
        Staff,
        "The channels the officer may file under",
        vec![],
    );
    let args = vec![d.arg::<String>("name"), d.arg::<String>("until")];
    d.route::<StartCampaign, CampaignReport>(Form, Staff, "Start a 集中排查 campaign", args);
    d.route::<MyDashboard, DashboardView>(Form, Staff, "Counts for the officer's region", vec![]);
    d.route::<MyNotifications, Vec<NotificationView>>(Form, Staff, "The officer's inbox", vec![]);
    let args = vec![d.arg::<String>("id")];
    d.route::<MarkRead, ()>(Form, Staff, "Mark a notification read", args);
    let args = vec![d.opt::<AuditFilterForm>("filter")];
    d.route::<AuditPage, AuditPageView>(
        Form,
        Staff,
        "The audit log, filtered (county administrator)",
        args,
    );
    // County administrator.
    d.route::<ListAccounts, Vec<AccountView>>(Form, Staff, "Accounts of the county", vec![]);
    let args = vec![d.arg::<NewAccountForm>("account")];
    d.route::<CreateAccount, String>(Form, Staff, "Create an account", args);
    let args = vec![d.arg::<String>("user_id"), d.arg::<String>("password")];
    d.route::<ResetPassword, ()>(
        Form,
        Staff,
        "Reset a password (ends the account's sessions)",
        args,
    );
    let args = vec![d.arg::<String>("user_id"), d.arg::<bool>("active")];
    d.route::<SetAccountActive, ()>(Form, Staff, "Activate or deactivate an account", args);
    let args = vec![d.arg::<String>("user_id"), d.arg::<String>("department")];
    d.route::<SetAccountDepartment, ()>(
        Form,
        Staff,
        "Set a department liaison's line department (the measures it works on)",
        args,
    );
    d.route::<DeadLetters, Vec<DeadLetterView>>(
        Form,
        Staff,
        "Messages the outbox gave up on",
        vec![],
    );
    d.route::<RegionContacts, Vec<RegionContactView>>(
        Form,
        Staff,
        "Office phones per region",
        vec![],
    );
    let args = vec![d.arg::<String>("region"), d.arg::<String>("phone")];
    d.route::<SetRegionContact, ()>(Form, Staff, "Set a region's office phone", args);
    d.route::<CurrentSettings, SettingsView>(Form, Staff, "Policy and calendar", vec![]);
    let args = vec![d.arg::<PolicyForm>("policy")];
    d.route::<SavePolicy, ()>(Form, Staff, "Save a policy version", args);
    let args = vec![d.arg::<String>("effective_from")];
    let withdraw = "Withdraw a policy version not yet in force";
    d.route::<WithdrawPolicy, ()>(Form, Staff, withdraw, args);
    let args = vec![
        d.arg::<String>("day"),
        d.arg::<String>("kind"),
        d.arg::<String>("name"),
    ];
    d.route::<SaveCalendarDay, ()>(Form, Staff, "Add a holiday or make-up working day", args);
    let args = vec![d.arg::<String>("day")];
    d.route::<RemoveCalendarDay, ()>(Form, Staff, "Remove a calendar day", args);
    let args = vec![d.arg::<String>("year"), d.arg::<String>("complete")];
    let marks = "Mark a year's holidays entered whole (complete=on), or withdraw the mark";
    d.route::<MarkCalendarYear, ()>(Form, Staff, marks, args);
    d.route::<ListKeys, KeysPageView>(
        Form,
        Staff,
        "Department API keys (never the keys themselves)",
        vec![],
    );
    let args = vec![d.arg::<NewKeyForm>("key")];
    d.route::<IssueKey, IssuedKey>(
        Form,
        Staff,
        "Issue a department API key: the only time it is shown",
        args,
    );
    let args = vec![d.arg::<String>("key_id")];
    d.route::<RevokeKey, ()>(Form, Staff, "Revoke a department API key", args);
    // Line departments.
    let args = vec![d.arg::<Vec<AlertRow>>("alerts")];
    d.route::<PushAlerts, Vec<AlertOutcome>>(
        Json,
        Department,
        "Push screening alerts (at most 500); each row filed on its own",
        args,
    );
    let args = vec![d.arg::<String>("csv")];
    d.route::<UploadAlerts, Vec<AlertOutcome>>(
        Form,
        Department,
        "A pasted or CSV list of alerts",
        args,
    );
    let args = vec![d.opt::<Option<String>>("since")];
    d.route::<AlertOutcomes, Vec<AlertFeedback>>(
        Query,
        Department,
        "结果反馈: outcomes of the alerts pushed, changed since (RFC 3339)",
        args,
    );

    let components = ComponentsBuilder::new()
        .schemas_from_iter(d.schemas)
        .security_scheme(
            "staff_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("sn_session"))),
        )
        .security_scheme(
            "department_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("snk_…")
                    .build(),
            ),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Safety Net JSON API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Server functions of Safety Net (防返贫监测帮扶). POST bodies are \
                     form-encoded unless marked JSON; answers are JSON; errors are the typed \
                     `AppError` for callers asking for `application/json` (the site's own \
                     scripts), otherwise `ErrorBody` (a stable code and a sentence). Department systems use `Authorization: Bearer <key>` on \
                     /api/alerts/push and /api/alerts/outcomes.",
                ))
                .build(),
        )
        .paths(d.paths.build())
        .components(Some(components))
        .build()
}
