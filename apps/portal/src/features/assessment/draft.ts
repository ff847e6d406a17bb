/**
 * Unsaved changes kept in localStorage, per assessment and the version they
 * were made on, so a lost connection or a closed tab loses nothing.
 */
import type { ComponentFieldState, FieldState } from "@cds/ui";

/** What is typed for one code: a criterion's field (a set judged by levels) or a scored component's. */
export type DraftField = FieldState | ComponentFieldState;

export interface Draft {
  fields: Record<string, DraftField>;
  notes: Record<string, string>;
}

export const EMPTY_DRAFT: Draft = { fields: {}, notes: {} };

const DRAFT_PREFIX = "cds.draft.";
const prefix = (assessmentId: string) => `${DRAFT_PREFIX}${assessmentId}.v`;
export const draftKey = (assessmentId: string, version: number) => `${prefix(assessmentId)}${version}`;

export function isEmptyDraft(d: Draft): boolean {
  return Object.keys(d.fields).length === 0 && Object.keys(d.notes).length === 0;
}

function keysOf(assessmentId: string): string[] {
  const out: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix(assessmentId))) out.push(k);
    }
  } catch {
    /* storage unavailable */
  }
  return out;
}

/** The stored draft of an assessment and the version it was based on, if any. */
export function loadDraft(assessmentId: string): { version: number; draft: Draft; savedAt: string | null } | null {
  for (const k of keysOf(assessmentId)) {
    try {
      const parsed = JSON.parse(localStorage.getItem(k) ?? "null") as (Draft & { savedAt?: string }) | null;
      const version = Number(k.slice(prefix(assessmentId).length));
      if (parsed && typeof parsed === "object" && Number.isInteger(version)) {
        const draft = { fields: parsed.fields ?? {}, notes: parsed.notes ?? {} };
        if (!isEmptyDraft(draft)) return { version, draft, savedAt: parsed.savedAt ?? null };
      }
    } catch {
      /* a broken entry is ignored */
    }
  }
  return null;
}

/** Replaces the stored draft of an assessment (an empty draft clears it). */
export function storeDraft(assessmentId: string, version: number, draft: Draft): void {
  try {
    for (const k of keysOf(assessmentId)) if (k !== draftKey(assessmentId, version)) localStorage.removeItem(k);
    if (isEmptyDraft(draft)) localStorage.removeItem(draftKey(assessmentId, version));
    else
      localStorage.setItem(
        draftKey(assessmentId, version),
        JSON.stringify({ ...draft, savedAt: new Date().toISOString() }),
      );
  } catch {
    /* storage full or unavailable: the draft stays in memory */
  }
}

export function clearDraft(assessmentId: string): void {
  try {
    for (const k of keysOf(assessmentId)) localStorage.removeItem(k);
  } catch {
    /* storage unavailable */
  }
}

/** Forgets every assessment's draft (at sign-out: the next person on this browser must not see them). */
export function clearAllDrafts(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(DRAFT_PREFIX)) keys.push(k);
    }
    for (const k of keys) localStorage.removeItem(k);
  } catch {
    /* storage unavailable */
  }
}
