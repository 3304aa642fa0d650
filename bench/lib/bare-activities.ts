/** The one activity of the bare workflows: does nothing. */
export const bareActivities = {
  async noop(): Promise<void> {},
};

export type BareActivities = typeof bareActivities;
