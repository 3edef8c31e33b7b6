/** Scheduled trigger `timeout-sweep`, every five minutes (placeholder until wired). */
export async function timeoutSweep(_event: unknown, _context: unknown): Promise<void> {}
