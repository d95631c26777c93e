// The IPC contract with the Tauri shell. Every type comes from the ts-rs
// bindings (`../bindings/`, `../bindings/client/` from the client crate);
// this module only re-exports them and adds a few UI-side names.
export type { AttentionItem } from '../bindings/client/AttentionItem';
export type { ClientError as BackendErrorShape } from '../bindings/client/ClientError';
export type { Connectivity } from '../bindings/client/Connectivity';
export type { Dashboard } from '../bindings/client/Dashboard';
export type { Directory } from '../bindings/Directory';
export type { Language } from '../bindings/client/Language';
export type { Notification } from '../bindings/client/Notification';
export type { OpenTicket } from '../bindings/client/OpenTicket';
export type { QueueCounts } from '../bindings/client/QueueCounts';
export type { QueueItem } from '../bindings/client/QueueItem';
export type { QueueFilter } from '../bindings/client/QueueFilter';
export type { QueueSort } from '../bindings/client/QueueSort';
export type { QueueSortKey } from '../bindings/client/QueueSortKey';
export type { QueueWindow } from '../bindings/client/QueueWindow';
export type { RoundReport as SyncReport } from '../bindings/client/RoundReport';
export type { SearchHit } from '../bindings/client/SearchHit';
export type { Session } from '../bindings/client/Session';
export type { Settings } from '../bindings/client/Settings';
export type { SlaBrief as QueueSla } from '../bindings/client/SlaBrief';
export type { SyncStatus } from '../bindings/client/SyncStatus';
export type { Theme } from '../bindings/client/Theme';
export type { TicketDetail } from '../bindings/client/TicketDetail';
export type { WeekStats as WeekStat } from '../bindings/client/WeekStats';
import type { Language } from '../bindings/client/Language';

export type QueueName = 'mine' | 'group' | 'unassigned' | 'breaching' | 'awaiting' | 'recent';
export const QUEUE_NAMES: QueueName[] = ['mine', 'group', 'unassigned', 'breaching', 'awaiting', 'recent'];
export const LANGUAGES: Language[] = ['uk', 'en', 'ru'];
