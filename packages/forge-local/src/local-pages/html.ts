import type { ServerResponse } from 'node:http';

/** Markup the local pages made themselves; anything else put in a page goes through `html` and is escaped. */
export class Html {
  constructor(readonly markup: string) {}
}

type Part = Html | string | number | undefined | false | null | readonly Part[];

/**
 * The one way the local pages write markup: what is interpolated is text (a name, a summary, a URL) and is
 * escaped, unless it is `Html` these pages made; lists are joined, `undefined`, `null` and `false` leave nothing.
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, chunk, i) => out + chunk + (i < parts.length ? markupOf(parts[i]) : ''), ''));
}

function markupOf(part: Part): string {
  if (typeof part === 'string' || typeof part === 'number') return escapeHtml(String(part));
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(markupOf).join('');
  return '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Where a page sits: the product bar's name and a trail of links above its title. */
export interface PageFrame {
  readonly title: string;
  readonly product: string;
  readonly trail?: ReadonlyArray<{ readonly href: string; readonly label: string }>;
}

/** A whole page in the local look (look.css): the product bar, the trail, then `body`. No script runs on it. */
export function page(frame: PageFrame, body: Html): Html {
  const trail = frame.trail?.length
    ? html`<nav class="trail" aria-label="Breadcrumbs"><ol>${frame.trail.map((t) => html`<li><a href="${t.href}">${t.label}</a></li>`)}</ol></nav>`
    : undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
<link rel="stylesheet" href="/local/look.css">
</head>
<body>
<header class="product-bar"><a class="product" href="/"><span class="logo" aria-hidden="true">K</span>${frame.product}</a></header>
<main class="content">
${trail}
${body}
</main>
</body>
</html>
`;
}

/** Sends a page with a policy that lets nothing but this server's own files in (no script, no outside font or image). */
export function sendPage(res: ServerResponse, status: number, content: Html): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'self'");
  res.end(content.markup);
}
