import { Html, html } from './html';

/** Deeper than this, or past this many nodes, a document is cut with a note: a page never recurses without end. */
const MAX_DEPTH = 20;
const MAX_NODES = 20_000;

interface Node {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly attrs?: { readonly level?: unknown; readonly href?: unknown } | null;
  readonly marks?: unknown;
  readonly content?: unknown;
}

/**
 * An Atlassian Document Format document (a description, a comment) as Jira renders it, for the nodes Koji
 * writes and the common others. Text nodes are text, whatever they hold; a link is made only from a `link`
 * mark whose href is http(s). A node this does not know shows its text; a plain-text field shows as text.
 */
export function adfToHtml(document: unknown): Html {
  if (typeof document === 'string') return html`<p>${document}</p>`;
  const budget = { nodes: MAX_NODES };
  const content = (document as Node | null)?.content;
  if (!Array.isArray(content)) return html``;
  return blocks(content as unknown[], 0, budget);
}

function blocks(nodes: readonly unknown[], depth: number, budget: { nodes: number }): Html {
  return html`${nodes.map((n) => node(n, depth, budget))}`;
}

function node(value: unknown, depth: number, budget: { nodes: number }): Html {
  budget.nodes -= 1;
  if (budget.nodes < 0) return budget.nodes === -1 ? html`<p class="cut">(The rest of this document is too long to show here.)</p>` : html``;
  if (typeof value !== 'object' || value === null) return html``;
  const n = value as Node;
  if (n.type === 'text') return inline(n);
  const inner = (): Html => (depth >= MAX_DEPTH || !Array.isArray(n.content) ? html`` : blocks(n.content as unknown[], depth + 1, budget));
  switch (n.type) {
    case 'paragraph':
      return html`<p>${inner()}</p>`;
    case 'heading': {
      // The page's own headings go down to h2: a document's start at h3.
      const level = Math.min(6, Math.max(3, typeof n.attrs?.level === 'number' ? n.attrs.level + 2 : 3));
      return new Html(`<h${level}>${inner().markup}</h${level}>`);
    }
    case 'hardBreak':
      return html`<br>`;
    case 'rule':
      return html`<hr>`;
    case 'bulletList':
      return html`<ul>${inner()}</ul>`;
    case 'orderedList':
      return html`<ol>${inner()}</ol>`;
    case 'listItem':
      return html`<li>${inner()}</li>`;
    case 'blockquote':
      return html`<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return html`<pre><code>${inner()}</code></pre>`;
    case 'mention':
      return html`<span class="mention">@${typeof (n.attrs as { text?: unknown } | null)?.text === 'string' ? (n.attrs as { text: string }).text : 'someone'}</span>`;
    default:
      return html`<div>${inner()}</div>`;
  }
}

/** A text node with its marks: emphasis, strong, code, strike-through, and a link when its href is http(s). */
function inline(n: Node): Html {
  let out = html`${typeof n.text === 'string' ? n.text : ''}`;
  const marks = Array.isArray(n.marks) ? (n.marks as Array<{ type?: unknown; attrs?: { href?: unknown } | null } | null>) : [];
  for (const mark of marks) {
    if (mark?.type === 'em') out = html`<em>${out}</em>`;
    else if (mark?.type === 'strong') out = html`<strong>${out}</strong>`;
    else if (mark?.type === 'code') out = html`<code>${out}</code>`;
    else if (mark?.type === 'strike') out = html`<s>${out}</s>`;
    else if (mark?.type === 'link') {
      const href = webAddress(mark.attrs?.href);
      if (href) out = html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${out}</a>`;
    }
  }
  return out;
}

/** The href as an http(s) address, or undefined: no `javascript:`, `data:` or relative link gets on a page. */
function webAddress(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length > 4000) return undefined;
  try {
    const { protocol } = new URL(href);
    // As written (escaped where it is put): the link reads as where it goes.
    return protocol === 'https:' || protocol === 'http:' ? href : undefined;
  } catch {
    return undefined;
  }
}
