// 000 §13: priority from impact × urgency, 1 highest, 5 lowest (a preview:
// the ticket's policy decides on the server and in the replica).
import type { Impact } from '../bindings/Impact';
import type { Priority } from '../bindings/Priority';
import type { Urgency } from '../bindings/Urgency';

const MATRIX: Record<Urgency, Record<Impact, Priority>> = {
  high: { high: 1, medium: 2, low: 3 },
  medium: { high: 3, medium: 4, low: 5 },
  low: { high: 4, medium: 5, low: 5 },
};

export function priorityFrom(impact: Impact, urgency: Urgency): Priority {
  return MATRIX[urgency][impact];
}

export const IMPACTS: Impact[] = ['high', 'medium', 'low'];
export const URGENCIES: Urgency[] = ['high', 'medium', 'low'];
