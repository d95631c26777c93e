// Generated from helpdesk_client::ipc (the IPC contract, declared once in Rust). Do not edit;
// `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` writes it anew.
import type { Article } from "../Article";
import type { AttentionItem } from "./AttentionItem";
import type { Dashboard } from "./Dashboard";
import type { Directory } from "../Directory";
import type { Me } from "../Me";
import type { Op } from "../Op";
import type { OpenTicket } from "./OpenTicket";
import type { QueueCounts } from "./QueueCounts";
import type { QueueItem } from "./QueueItem";
import type { RoundReport } from "./RoundReport";
import type { SearchHit } from "./SearchHit";
import type { Session } from "./Session";
import type { Settings } from "./Settings";
import type { SyncStatus } from "./SyncStatus";
import type { TicketDetail } from "./TicketDetail";

/** Every command: its arguments (as `invoke` takes them) and its result. */
export interface Commands {
  session_get: { args: {}; result: Session };
  login: { args: { server: string, username: string, password: string }; result: Me };
  logout: { args: {}; result: void };
  sync_now: { args: {}; result: RoundReport };
  sync_status: { args: {}; result: SyncStatus };
  queue: { args: { name: string }; result: Array<QueueItem> };
  queue_counts: { args: {}; result: QueueCounts };
  directory: { args: {}; result: Directory };
  ticket: { args: { number: string }; result: TicketDetail };
  act: { args: { number: string, op: Op }; result: TicketDetail };
  kb_search: { args: { query: string }; result: Array<SearchHit> };
  kb_article: { args: { id: string }; result: Article };
  kb_suggest: { args: { number: string }; result: Array<SearchHit> };
  ticket_search: { args: { query: string }; result: Array<SearchHit> };
  attention_list: { args: {}; result: Array<AttentionItem> };
  attention_retry: { args: { seq: number }; result: void };
  attention_discard: { args: { seq: number }; result: void };
  settings_get: { args: {}; result: Settings };
  settings_set: { args: { settings: Settings }; result: void };
  dashboard: { args: {}; result: Dashboard };
}

export type CommandName = keyof Commands;

/** Every event the shell emits, with its payload. */
export interface Events {
  "sync-status": SyncStatus;
  "data-changed": null;
  "open-ticket": OpenTicket;
}

export type EventName = keyof Events;

export const COMMAND_NAMES: CommandName[] = ["session_get", "login", "logout", "sync_now", "sync_status", "queue", "queue_counts", "directory", "ticket", "act", "kb_search", "kb_article", "kb_suggest", "ticket_search", "attention_list", "attention_retry", "attention_discard", "settings_get", "settings_set", "dashboard"];
