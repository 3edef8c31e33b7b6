/** Reading Atlassian Document Format in specs: what Jira stores and renders for descriptions and comments. */
export interface AdfNodeLike {
  readonly type: string;
  readonly text?: string;
  readonly attrs?: Record<string, unknown>;
  readonly marks?: ReadonlyArray<{ readonly type: string; readonly attrs?: Record<string, unknown> }>;
  readonly content?: readonly AdfNodeLike[];
}

/** The document itself, or a failure that says what came instead (a wiki-markup string, say). */
export function asAdfDoc(value: unknown): AdfNodeLike {
  const doc = value as { type?: unknown; version?: unknown; content?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) {
    throw new Error(`Expected an ADF document, got ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  return doc as AdfNodeLike;
}

/** Every node of the document, depth first, the document included. */
export function adfNodes(node: AdfNodeLike): AdfNodeLike[] {
  return [node, ...(node.content ?? []).flatMap(adfNodes)];
}

/** The text as a reader sees it: one line per paragraph or heading. */
export function adfText(value: unknown): string {
  return (asAdfDoc(value).content ?? []).map((block) => adfNodes(block).map((n) => n.text ?? '').join('')).join('\n');
}
