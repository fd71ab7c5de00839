//! The API's OpenAPI 3 document, written by hand next to the handlers it describes and
//! served at `/openapi.json`. A test checks that every `/api/` route is documented and that
//! every documented query parameter is one the handler accepts.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::OnceLock;

fn param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn required(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": true, "description": description, "schema": schema })
}

fn path_param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema })
}

fn code_schema() -> Value {
    json!({ "type": "string", "pattern": "^[A-Za-z0-9]{1,32}$", "example": "ISR" })
}

fn date_schema() -> Value {
    json!({ "type": "string", "format": "date", "example": "2026-02-09" })
}

fn paging() -> Vec<Value> {
    vec![
        param(
            "limit",
            "Items per page.",
            json!({ "type": "integer", "minimum": 1, "maximum": 500, "default": 50 }),
        ),
        param(
            "offset",
            "Items to skip. Pages beyond 100000 items are not served: narrow the filters.",
            json!({ "type": "integer", "minimum": 0, "maximum": 100000, "default": 0 }),
        ),
    ]
}

fn dates() -> Vec<Value> {
    vec![
        param("since", "On or after this day.", date_schema()),
        param(
            "until",
            "On or before this day (not before `since`).",
            date_schema(),
        ),
    ]
}

fn by(default: &str) -> Value {
    param(
        "by",
        "The period rows are grouped by (weeks are labelled by their Monday, months YYYY-MM).",
        json!({ "type": "string", "enum": ["day", "week", "month"], "default": default }),
    )
}

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "200": { "description": description, "content": { "application/json": { "schema": schema } } },
        "400": { "$ref": "#/components/responses/BadParameter" },
        "503": { "$ref": "#/components/responses/Unavailable" },
    })
}

fn paged(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "limit", "offset", "next"],
        "properties": {
            "items": { "type": "array", "items": { "$ref": format!("#/components/schemas/{item}") } },
            "limit": { "type": "integer" },
            "offset": { "type": "integer" },
            "next": { "type": ["string", "null"], "description": "URL of the next page, while there may be more." }
        }
    })
}

fn get(summary: &str, description: &str, parameters: Vec<Value>, responses: Value) -> Value {
    json!({ "get": { "summary": summary, "description": description, "parameters": parameters, "responses": responses } })
}

fn with(mut list: Vec<Value>, more: Vec<Value>) -> Vec<Value> {
    list.extend(more);
    list
}

fn schemas() -> Value {
    let int = json!({ "type": "integer", "minimum": 0 });
    let num = json!({ "type": "number" });
    let text = json!({ "type": "string" });
    let opt = json!({ "type": ["string", "null"] });
    let span = json!({ "type": ["array", "null"], "items": { "type": "integer" }, "minItems": 2, "maxItems": 2,
                       "description": "Byte offsets [start, end) in the sentence text." });
    json!({
        "Error": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": { "type": "string", "enum": ["bad_parameter", "bad_query", "not_found", "no_store", "interrupted", "store_error", "internal"] },
                "message": text,
                "parameter": { "type": "string", "description": "The parameter at fault (bad_parameter)." },
                "problem": { "type": "string", "description": "What is wrong with it (bad_parameter)." }
            }
        },
        "Summary": {
            "type": "object",
            "properties": {
                "schema_version": int,
                "counts": { "type": "object", "properties": {
                    "articles": int, "sentences": int, "mentions": int, "events": int, "event_mentions": int, "stances": int } },
                "first_day": opt, "last_day": opt, "actor_codes": int, "dyads": int
            }
        },
        "VolumeRow": {
            "type": "object",
            "properties": { "period": text, "events": int, "verbal_cooperation": int, "material_cooperation": int,
                            "verbal_conflict": int, "material_conflict": int, "goldstein_mean": num }
        },
        "ClassRow": {
            "type": "object",
            "properties": { "root": text, "name": text, "quad": int, "events": int }
        },
        "Event": {
            "type": "object",
            "description": "An event with its first report's sentence; spans mark the actors and the trigger words in `evidence`.",
            "properties": {
                "id": int, "date": opt, "source": text, "target": text, "code": text, "name": text, "root": text,
                "quad": { "type": "integer", "minimum": 1, "maximum": 4 }, "goldstein": num, "modality": text,
                "confidence": num, "num_mentions": int, "num_articles": int, "num_sources": int,
                "article_id": text, "input": text, "url": opt, "site": opt, "sentence": int,
                "source_text": opt, "target_text": opt, "evidence": text, "added_at": text,
                "title": opt, "published": opt, "trigger": opt,
                "source_span": span, "target_span": span, "trigger_span": span
            }
        },
        "EventDetail": {
            "type": "object",
            "properties": {
                "event": { "type": "object", "description": "The event (as in Event, without spans)." },
                "reports": { "type": "array", "items": { "type": "object", "properties": {
                    "article_id": text, "input": text, "url": opt, "site": opt, "title": opt, "published": opt,
                    "sentence": int, "code": text, "modality": text, "date": opt, "confidence": num,
                    "span": { "type": "array", "items": { "type": "integer" } }, "evidence": text, "trigger": text,
                    "source_text": opt, "target_text": opt } } }
            }
        },
        "SeriesRow": {
            "type": "object",
            "properties": { "period": text, "source": text, "target": text, "verbal_cooperation": int,
                            "material_cooperation": int, "verbal_conflict": int, "material_conflict": int,
                            "events": int, "mentions": int, "goldstein_mean": num }
        },
        "DyadRow": {
            "type": "object",
            "properties": { "source": text, "target": text, "events": int, "mentions": int,
                            "goldstein_mean": num, "first": opt, "last": opt }
        },
        "ActorRow": {
            "type": "object",
            "properties": { "code": text, "as_source": int, "as_target": int, "events": int }
        },
        "IssueSummary": {
            "type": "object",
            "properties": { "issue": text, "issue_text": text, "stances": int, "for": int, "against": int,
                            "conditional": int, "first": opt, "last": opt }
        },
        "ActorDetail": {
            "type": "object",
            "properties": {
                "code": text, "as_source": int, "as_target": int,
                "codes": { "type": "array", "items": { "$ref": "#/components/schemas/ActorRow" } },
                "volume": { "type": "array", "items": { "type": "object", "properties": { "period": text, "as_source": int, "as_target": int } } },
                "partners": { "type": "array", "items": { "$ref": "#/components/schemas/DyadRow" } },
                "issues": { "type": "array", "items": { "$ref": "#/components/schemas/IssueSummary" } }
            }
        },
        "Stance": {
            "type": "object",
            "properties": {
                "id": int, "actor": text, "issue": text, "issue_text": text,
                "position": { "type": "string", "enum": ["for", "against", "conditional"] },
                "strength": num, "date": opt, "modality": text, "article_id": text, "input": text,
                "url": opt, "site": opt, "title": opt, "sentence": int, "evidence": text,
                "actor_span": span, "cue_span": span, "cue": opt
            }
        },
        "Divergence": {
            "type": "object",
            "properties": {
                "a": text, "b": text, "by": { "type": "string", "enum": ["all", "month"] },
                "a_stances": int, "b_stances": int, "truncated": { "type": "boolean" },
                "periods": { "type": "array", "items": { "type": "object", "properties": {
                    "period": text, "score": num, "shared": int, "split": int,
                    "issues": { "type": "array", "items": { "type": "object", "properties": {
                        "issue": text, "a_net": { "type": ["number", "null"] }, "b_net": { "type": ["number", "null"] },
                        "divergence": num, "agreement": num, "opposing_pairs": int, "pairs": int,
                        "shared": { "type": "boolean" }, "split": { "type": "boolean" },
                        "a": { "type": "array", "items": { "type": "object" } },
                        "b": { "type": "array", "items": { "type": "object" } } } } } } } }
            }
        },
        "SearchHit": {
            "type": "object",
            "properties": {
                "article_id": text, "input": text, "url": opt, "site": opt, "title": opt, "published": opt,
                "sentence": int, "text": text,
                "matches": { "type": "array", "items": { "type": "array", "items": { "type": "integer" } } },
                "events": { "type": "array", "items": { "type": "integer" } }
            }
        }
    })
}

/// The document.
pub fn document() -> Value {
    let event_filters = vec![
        param("actor", "An actor code or prefix (ISR covers ISRGOV, ISRMIL), on the side `role` names.", code_schema()),
        param("partner", "With `actor`: the other side of a dyad, a code or prefix.", code_schema()),
        param("role", "The side `actor` is on; with `partner`, `source` is actor → partner and `either` both directions.",
              json!({ "type": "string", "enum": ["source", "target", "either"], "default": "either" })),
        param("code", "A CAMEO event code, exactly.", json!({ "type": "string", "example": "0354" })),
        param("root", "A CAMEO root (event class), 01..20.", json!({ "type": "string", "example": "19" })),
        param("quad", "A quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
              json!({ "type": "integer", "minimum": 1, "maximum": 4 })),
        param("modality", "How the event was reported.",
              json!({ "type": "string", "enum": ["asserted", "negated", "intended", "hypothetical", "reported"] })),
        param("text", "Words an evidence sentence contains (all of them; full-text search).", json!({ "type": "string", "maxLength": 200 })),
    ];
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "dyad",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to a dyad event store: political events coded from news (who did what to whom, when), the sentences they were coded from, and actors' stances on issues. Every endpoint is a GET; lists are paged with `limit` and `offset`; a bad parameter is a 400 whose JSON body names it.",
            "license": { "name": "MIT OR Apache-2.0" }
        },
        "paths": {
            "/api/health": get("Liveness", "Answers without touching the store.", vec![],
                json!({ "200": { "description": "The server runs.", "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "status": { "type": "string" }, "store": { "type": "string" }, "store_exists": { "type": "boolean" } } } } } } })),
            "/api/summary": get("What the store holds", "Row counts, the span of event dates, actor codes and pairs.", vec![],
                ok("The summary.", json!({ "$ref": "#/components/schemas/Summary" }))),
            "/api/volume": get("Event volume over time", "Events per period over the whole store, by quad class.",
                with(vec![by("month")], dates()),
                ok("Rows in period order.", json!({ "type": "object", "properties": {
                    "by": { "type": "string" }, "rows": { "type": "array", "items": { "$ref": "#/components/schemas/VolumeRow" } } } }))),
            "/api/classes": get("Top event classes", "Events per CAMEO root, most frequent first.",
                vec![param("limit", "How many roots.", json!({ "type": "integer", "minimum": 1, "maximum": 20, "default": 20 }))],
                ok("Roots.", json!({ "type": "array", "items": { "$ref": "#/components/schemas/ClassRow" } }))),
            "/api/events": get("Events with their evidence", "Events newest first, each with the sentence it was coded from and the spans of its actors and trigger words.",
                with(with(event_filters, dates()), paging()),
                ok("A page of events.", paged("Event"))),
            "/api/events/{id}": get("One event and every report of it", "",
                vec![path_param("id", "The event id.", json!({ "type": "integer", "minimum": 1 }))],
                json!({
                    "200": { "description": "The event.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/EventDetail" } } } },
                    "400": { "$ref": "#/components/responses/BadParameter" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "503": { "$ref": "#/components/responses/Unavailable" }
                })),
            "/api/series": get("A dyad's events over time", "Per period and direction (a → b, b → a): events per quad class, reports and the mean Goldstein score. Codes are prefixes.",
                with(vec![required("a", "One actor, a code or prefix.", code_schema()),
                          required("b", "The other actor.", code_schema()), by("week")], dates()),
                ok("Rows per period and direction.", json!({ "type": "object", "properties": {
                    "a": { "type": "string" }, "b": { "type": "string" }, "by": { "type": "string" },
                    "rows": { "type": "array", "items": { "$ref": "#/components/schemas/SeriesRow" } } } }))),
            "/api/dyads": get("The most active actor pairs", "",
                with(with(vec![param("actor", "Only pairs with this code or prefix on either side.", code_schema())], dates()), paging()),
                ok("A page of pairs.", paged("DyadRow"))),
            "/api/actors": get("Actor codes", "Codes the store has seen, busiest first.",
                with(vec![param("prefix", "Only codes starting with this.", code_schema())], paging()),
                ok("A page of actors.", paged("ActorRow"))),
            "/api/actors/{code}": get("One actor (code or prefix)", "Counts as source and target, events per month, busiest partners, stances per issue.",
                vec![path_param("code", "An actor code or prefix.", code_schema())],
                json!({
                    "200": { "description": "The actor.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ActorDetail" } } } },
                    "400": { "$ref": "#/components/responses/BadParameter" },
                    "404": { "$ref": "#/components/responses/NotFound" },
                    "503": { "$ref": "#/components/responses/Unavailable" }
                })),
            "/api/stances": get("Stances with their evidence", "Who stands where on which issue, newest first, with the sentence and the cue words.",
                with(with(vec![
                    param("actor", "An actor code or prefix.", code_schema()),
                    param("issue", "A normalised issue key, exactly.", json!({ "type": "string", "maxLength": 200 })),
                    param("position", "", json!({ "type": "string", "enum": ["for", "against", "conditional"] })),
                ], dates()), paging()),
                ok("A page of stances.", paged("Stance"))),
            "/api/divergence": get("Where two actors split", "Both actors' positions issue by issue (per month or over all time), scored by dyad-stance's divergence: opposing stance pairs weighted by strength and modality.",
                with(vec![required("a", "One actor, a code or prefix.", code_schema()),
                          required("b", "The other actor.", code_schema()),
                          param("by", "One report for all time, or one per month.", json!({ "type": "string", "enum": ["all", "month"], "default": "all" }))], dates()),
                ok("The report.", json!({ "$ref": "#/components/schemas/Divergence" }))),
            "/api/search": get("Full-text search over evidence sentences", "Sentences that events and stances were coded from and that contain all the words, best match first.",
                with(vec![required("q", "The words.", json!({ "type": "string", "maxLength": 200 }))], paging()),
                ok("A page of sentences.", paged("SearchHit")))
        },
        "components": {
            "schemas": schemas(),
            "responses": {
                "BadParameter": { "description": "A parameter is unknown, repeated, malformed or out of range; the body names it.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "NotFound": { "description": "No such thing.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                "Unavailable": { "description": "There is no store yet (make one with `dyad ingest FILES --db PATH`), or the query was interrupted.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            }
        }
    })
}

pub async fn handler() -> Response {
    static BODY: OnceLock<Vec<u8>> = OnceLock::new();
    let body = BODY.get_or_init(|| serde_json::to_vec_pretty(&document()).unwrap_or_default());
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body.clone(),
    )
        .into_response()
}
