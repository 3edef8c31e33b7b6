import type { KbArticle } from '../domain/knowledge-base';
import type { Language } from '../domain/language';
import type { Participant } from '../domain/participant';

/** What a user asked the assistant, with what it needs to point the way to a person. */
export interface AssistantQuestion {
  readonly user: Participant;
  readonly projectId: string;
  readonly text: string;
  /** What this user types to reach a person (in their language), for an answer that points the way. */
  readonly handoffPhrase: string;
  /** The language to answer in: the user's locale's when Koji speaks it, else the project's default. */
  readonly language: Language;
}

/**
 * The assistant's answer, channel-neutral: the core adds the buttons (see
 * docs/architecture.md, "The assistant's contract") and each channel renders it.
 */
export interface AssistantAnswer {
  /** Plain text, escaped by each surface. */
  readonly text: string;
  /** Articles that may answer the question (at most MAX_ARTICLES); untrusted text. */
  readonly articles?: readonly KbArticle[] | undefined;
  /** The answer may have solved the question: offer **This solved it**. */
  readonly offerSolved?: boolean | undefined;
  /** For the deflection counters: articles were shown (`answered`), or a search found none (`no-match`). */
  readonly searched?: 'answered' | 'no-match' | undefined;
}

/** The help-desk bot that answers users who are not talking to a human. */
export interface Assistant {
  answer(question: AssistantQuestion): Promise<AssistantAnswer>;
}

/**
 * The project's knowledge base, searched with a query built from a user's message (kb-query.ts): the most
 * relevant articles first. Throws when the search fails or takes too long; the assistant then finds nothing.
 */
export interface KnowledgeBase {
  search(question: { readonly projectId: string; readonly query: string }): Promise<readonly KbArticle[]>;
}
