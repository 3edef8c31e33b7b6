/** Consumer for the `chat-work` queue (placeholder: accepts and drops events until wired). */
export async function chatConsumer(_event: unknown, _context: unknown): Promise<void> {}
