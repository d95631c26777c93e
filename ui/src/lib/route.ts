// The app's screens as a hash route (`#/queue/mine`, `#/ticket/HD-1`, …):
// survives reloads of the web view and lets screenshots open any screen.
import { QUEUE_NAMES, type QueueName } from './contract';

export type Route =
  | { screen: 'queue'; queue: QueueName }
  | { screen: 'ticket'; number: string }
  | { screen: 'kb'; article: string | null; query: string }
  | { screen: 'attention' }
  | { screen: 'register' }
  | { screen: 'dashboard' }
  | { screen: 'settings' };

export const DEFAULT_ROUTE: Route = { screen: 'queue', queue: 'mine' };

export function parseRoute(hash: string): Route {
  const [path, qs] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(qs ?? '');
  switch (parts[0]) {
    case 'queue':
      return QUEUE_NAMES.includes(parts[1] as QueueName) ? { screen: 'queue', queue: parts[1] as QueueName } : DEFAULT_ROUTE;
    case 'ticket':
      return parts[1] ? { screen: 'ticket', number: parts[1] } : DEFAULT_ROUTE;
    case 'kb':
      return { screen: 'kb', article: parts[1] ?? null, query: params.get('q') ?? '' };
    case 'attention':
    case 'register':
    case 'dashboard':
    case 'settings':
      return { screen: parts[0] };
    default:
      return DEFAULT_ROUTE;
  }
}

export function formatRoute(r: Route): string {
  switch (r.screen) {
    case 'queue':
      return `#/queue/${r.queue}`;
    case 'ticket':
      return `#/ticket/${encodeURIComponent(r.number)}`;
    case 'kb': {
      const base = r.article ? `#/kb/${encodeURIComponent(r.article)}` : '#/kb';
      return r.query ? `${base}?q=${encodeURIComponent(r.query)}` : base;
    }
    default:
      return `#/${r.screen}`;
  }
}
