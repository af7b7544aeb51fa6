/** House of Commons recesses (inclusive). Keep in step with the published recess dates. */
export const RECESSES: ReadonlyArray<{ from: string; to: string; name: string }> = [
  { from: '2025-02-13', to: '2025-02-23', name: 'February' },
  { from: '2025-04-08', to: '2025-04-21', name: 'Easter' },
  { from: '2025-05-22', to: '2025-06-01', name: 'Whitsun' },
  { from: '2025-07-22', to: '2025-08-31', name: 'Summer' },
  { from: '2025-09-16', to: '2025-10-12', name: 'Conference' },
  { from: '2025-11-13', to: '2025-11-16', name: 'November' },
  { from: '2025-12-18', to: '2026-01-04', name: 'Christmas' },
];

/** Fridays on which the Commons sits (private members' bills). */
export const SITTING_FRIDAYS: ReadonlySet<string> = new Set([
  '2025-01-24', '2025-03-07', '2025-03-14', '2025-03-21', '2025-06-20', '2025-07-11', '2025-09-12', '2025-11-28',
]);
