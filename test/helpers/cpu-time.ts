/**
 * The CPU time this process spends on a piece of work, in ms: a guard that a
 * step does not hang or go quadratic, unmoved by other processes on the
 * machine (wall-clock time is not: two cores shared with other test workers).
 * Not a speed target; those are in `npm run bench`.
 */
export async function cpuMs<T>(work: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
