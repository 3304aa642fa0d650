/**
 * The activity retry policy (seed 000 需求 11.4, seed 001 需求 9): 1 try + 3 retries, waiting 1 s,
 * 2 s, 4 s. Shared by the workflow's activity stubs and by activities that act differently on
 * their last attempt (a multi-platform report returns what it has instead of failing).
 */
export const ACTIVITY_RETRY = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '4s', maximumAttempts: 4 } as const;
