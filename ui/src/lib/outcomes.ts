// What to tell the analyst about an outcome: one message per outcome, keyed
// so a newer message about the same thing replaces the older one, and never
// more than what happened (saved here is not sent; sent is not applied).
// No Svelte here.
import type { Connectivity } from '../bindings/client/Connectivity';
import type { RoundReport } from '../bindings/client/RoundReport';

export type Outcome = {
  /** Messages with one key replace each other: `outbox`, `sync`, `attention`, `action`. */
  key: string;
  message: string;
  params?: Record<string, number>;
  kind: 'info' | 'error';
};

export type SyncCounts = { connectivity: Connectivity; pending: number; needs_attention: number };

/**
 * After an action was written to the outbox: while the server cannot be
 * reached, say it is saved here and will be sent; online the sync sends it
 * at once and the ticket marks it until the server has it — nothing to say.
 */
export function actionOutcome(pendingOps: number, connectivity: Connectivity | undefined): Outcome | null {
  if (pendingOps === 0 || connectivity === 'online' || connectivity === 'syncing') return null;
  return { key: 'outbox', message: 'outcome.saved_offline', kind: 'info' };
}

/**
 * A change of the sync status worth a word: actions the server did not
 * apply; the connection lost with changes waiting; everything sent after
 * the analyst was told it would be (`promised`).
 */
export function syncOutcome(prev: SyncCounts | null, next: SyncCounts, promised: boolean): Outcome | null {
  if (!prev) return null;
  const refused = next.needs_attention - prev.needs_attention;
  if (refused > 0) return { key: 'attention', message: 'outcome.not_applied', params: { count: refused }, kind: 'error' };
  if (next.connectivity === 'offline' && prev.connectivity !== 'offline' && next.pending > 0 && !promised) {
    return { key: 'outbox', message: 'outcome.saved_offline', kind: 'info' };
  }
  if (promised && prev.pending > 0 && next.pending === 0 && next.connectivity !== 'offline') {
    return { key: 'outbox', message: 'outcome.all_sent', kind: 'info' };
  }
  return null;
}

/** What a sync the analyst asked for did. */
export function roundOutcome(r: RoundReport): Outcome {
  if (r.not_applied > 0) return { key: 'attention', message: 'outcome.not_applied', params: { count: r.not_applied }, kind: 'error' };
  if (r.applied > 0) return { key: 'sync', message: 'outcome.synced', params: { applied: r.applied, changes: r.changes }, kind: 'info' };
  if (r.changes > 0) return { key: 'sync', message: 'outcome.received', params: { changes: r.changes }, kind: 'info' };
  return { key: 'sync', message: 'outcome.up_to_date', kind: 'info' };
}

/** A sync the analyst asked for could not reach the server. */
export function unreachableOutcome(pending: number): Outcome {
  return { key: 'sync', message: 'outcome.unreachable', params: { count: pending }, kind: 'info' };
}
