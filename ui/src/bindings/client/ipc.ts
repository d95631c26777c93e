// Generated from helpdesk_client::ipc (the IPC contract, declared once in Rust). Do not edit;
// `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` writes it anew.
import type { Article } from "../Article";
import type { ArticleInput } from "../ArticleInput";
import type { ArticleStatus } from "../ArticleStatus";
import type { ArticleUsage } from "../ArticleUsage";
import type { AttentionItem } from "./AttentionItem";
import type { Channel } from "../Channel";
import type { Dashboard } from "./Dashboard";
import type { Directory } from "../Directory";
import type { EditorialItem } from "./EditorialItem";
import type { KbComment } from "../KbComment";
import type { KbEdit } from "./KbEdit";
import type { KpiSeries } from "../KpiSeries";
import type { Me } from "../Me";
import type { NewTicket } from "../NewTicket";
import type { Op } from "../Op";
import type { OpenTicket } from "./OpenTicket";
import type { QueueCounts } from "./QueueCounts";
import type { QueueQuery } from "./QueueQuery";
import type { QueueWindow } from "./QueueWindow";
import type { RefusedRegistration } from "./RefusedRegistration";
import type { Registered } from "./Registered";
import type { RegistrationForm } from "./RegistrationForm";
import type { ReportRequest } from "./ReportRequest";
import type { RequesterKind } from "../RequesterKind";
import type { ReviewDue } from "../ReviewDue";
import type { RevisionOutcome } from "../RevisionOutcome";
import type { RevisionView } from "./RevisionView";
import type { RoundReport } from "./RoundReport";
import type { SearchHit } from "./SearchHit";
import type { Session } from "./Session";
import type { Settings } from "./Settings";
import type { SyncStatus } from "./SyncStatus";
import type { TicketDetail } from "./TicketDetail";
import type { TicketType } from "../TicketType";

/** Every command: its arguments (as `invoke` takes them) and its result. */
export interface Commands {
  session_get: { args: {}; result: Session };
  login: { args: { server: string, username: string, password: string }; result: Me };
  logout: { args: {}; result: void };
  sync_now: { args: {}; result: RoundReport };
  sync_status: { args: {}; result: SyncStatus };
  queue_window: { args: { query: QueueQuery }; result: QueueWindow };
  queue_counts: { args: {}; result: QueueCounts };
  directory: { args: {}; result: Directory };
  ticket: { args: { number: string }; result: TicketDetail };
  act: { args: { number: string, op: Op }; result: TicketDetail };
  kb_search: { args: { query: string }; result: Array<SearchHit> };
  kb_article: { args: { id: string }; result: Article };
  kb_suggest: { args: { number: string }; result: Array<SearchHit> };
  ticket_search: { args: { query: string }; result: Array<SearchHit> };
  attention_list: { args: {}; result: Array<AttentionItem> };
  attention_retry: { args: { seq: number, text: string | null }; result: void };
  attention_discard: { args: { seq: number }; result: void };
  settings_get: { args: {}; result: Settings };
  settings_set: { args: { settings: Settings }; result: void };
  dashboard: { args: {}; result: Dashboard };
  kb_editorial_list: { args: { statuses: Array<ArticleStatus>, query: string | null }; result: Array<EditorialItem> };
  kb_create: { args: { input: ArticleInput }; result: Article };
  kb_edit: { args: { id: string, input: ArticleInput, base_version: number | null }; result: KbEdit };
  kb_move: { args: { id: string, to: ArticleStatus, comment: string | null }; result: Article };
  kb_revision: { args: { id: string }; result: RevisionView | null };
  kb_revision_move: { args: { id: string, to: ArticleStatus, comment: string | null }; result: RevisionOutcome };
  kb_reviewed: { args: { id: string, next_review: string | null, comment: string | null }; result: Article };
  kb_review_due: { args: { mine: boolean }; result: Array<ReviewDue> };
  kb_comments: { args: { id: string }; result: Array<KbComment> };
  kb_comment: { args: { id: string, text: string }; result: KbComment };
  kb_usage: { args: { id: string }; result: ArticleUsage };
  kpi_series: { args: { request: ReportRequest }; result: KpiSeries };
  kpi_export_csv: { args: { request: ReportRequest }; result: string };
  registration_form: { args: { ticket_type: TicketType, channel: Channel, kind: RequesterKind | null }; result: RegistrationForm };
  register_ticket: { args: { ticket: NewTicket }; result: Registered };
  refused_registrations: { args: {}; result: Array<RefusedRegistration> };
  discard_registration: { args: { seq: number }; result: void };
  resend_registration: { args: { seq: number, ticket: NewTicket }; result: Registered };
}

export type CommandName = keyof Commands;

/** Every event the shell emits, with its payload. */
export interface Events {
  "sync-status": SyncStatus;
  "data-changed": null;
  "open-ticket": OpenTicket;
}

export type EventName = keyof Events;

export const COMMAND_NAMES: CommandName[] = ["session_get", "login", "logout", "sync_now", "sync_status", "queue_window", "queue_counts", "directory", "ticket", "act", "kb_search", "kb_article", "kb_suggest", "ticket_search", "attention_list", "attention_retry", "attention_discard", "settings_get", "settings_set", "dashboard", "kb_editorial_list", "kb_create", "kb_edit", "kb_move", "kb_revision", "kb_revision_move", "kb_reviewed", "kb_review_due", "kb_comments", "kb_comment", "kb_usage", "kpi_series", "kpi_export_csv", "registration_form", "register_ticket", "refused_registrations", "discard_registration", "resend_registration"];
