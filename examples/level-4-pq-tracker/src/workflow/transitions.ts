import type { QuestionStatus } from '../questions/types.js';

export type WorkflowAction = 'assign' | 'draft' | 'submit_for_clearance' | 'return_to_drafter' | 'clear';

interface Transition {
  from: readonly QuestionStatus[];
  to: QuestionStatus;
  /** Role claim the signed-in user must hold. */
  role?: string;
}

/** import → assign to policy team → draft → clearance → answered. */
export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  assign: { from: ['imported', 'assigned'], to: 'assigned' },
  draft: { from: ['assigned', 'drafted'], to: 'drafted' },
  submit_for_clearance: { from: ['drafted'], to: 'in_clearance' },
  return_to_drafter: { from: ['in_clearance'], to: 'drafted', role: 'pq-clearance' },
  clear: { from: ['in_clearance'], to: 'answered', role: 'pq-clearance' },
};

export function nextStatus(action: WorkflowAction, current: QuestionStatus): QuestionStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(current) ? transition.to : undefined;
}
